export { RegionSummaryTable, ServingMarker } from './RegionSummaryTable';
