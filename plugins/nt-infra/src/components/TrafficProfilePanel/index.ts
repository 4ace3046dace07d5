export { TrafficProfilePanel } from './TrafficProfilePanel';
