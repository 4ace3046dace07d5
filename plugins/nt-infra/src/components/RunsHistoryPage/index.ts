export { RunsHistoryPage } from './RunsHistoryPage';
