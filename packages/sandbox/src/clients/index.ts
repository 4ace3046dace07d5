export { SyntheticClients, CLIENT_TICK_MS } from './SyntheticClients';
export type { ServeUsers } from './SyntheticClients';
export { outageSummary } from './outageSummary';
export type { OutageSummary } from './outageSummary';
