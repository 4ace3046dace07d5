export { TrafficManagerPage } from './TrafficManagerPage';
