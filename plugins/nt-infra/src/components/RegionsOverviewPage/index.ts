export { RegionsOverviewPage } from './RegionsOverviewPage';
