export { HaltControl } from './HaltControl';
