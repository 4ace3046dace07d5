export { ChaosPage } from './ChaosPage';
