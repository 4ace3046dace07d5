export { AzurePortalLink } from './AzurePortalLink';
