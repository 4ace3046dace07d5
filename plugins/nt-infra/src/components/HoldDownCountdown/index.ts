export { HoldDownCountdown } from './HoldDownCountdown';
