export { ActiveRuns } from './ActiveRuns';
export { ActiveRunCard, ACTIVE_RUN_POLL_MS } from './ActiveRunCard';
