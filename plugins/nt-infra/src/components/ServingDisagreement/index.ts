export { ServingDisagreement } from './ServingDisagreement';
