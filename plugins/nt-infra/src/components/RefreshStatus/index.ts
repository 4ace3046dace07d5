export { RefreshStatus } from './RefreshStatus';
