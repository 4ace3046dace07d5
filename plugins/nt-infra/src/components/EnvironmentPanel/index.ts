export { EnvironmentPanel } from './EnvironmentPanel';
