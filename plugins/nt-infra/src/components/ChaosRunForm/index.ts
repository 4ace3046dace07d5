export { ChaosRunForm } from './ChaosRunForm';
