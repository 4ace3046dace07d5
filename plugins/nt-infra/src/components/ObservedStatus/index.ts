export { ObservedStatus } from './ObservedStatus';
