export { AzureTrafficProvider } from './AzureTrafficProvider';
export type { TrafficProvider } from './TrafficProvider';
