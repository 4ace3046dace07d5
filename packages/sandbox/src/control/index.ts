export { ControlServer } from './ControlServer';
export type { ControlDeps } from './ControlServer';
export { FaultRegistry } from './FaultRegistry';
export type { Fault } from './FaultRegistry';
export { groundTruth, clockState } from './groundTruth';
