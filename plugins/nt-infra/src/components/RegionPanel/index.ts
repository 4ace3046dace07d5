export { RegionPanel } from './RegionPanel';
