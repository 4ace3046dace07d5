export { World, workloadLabels } from './World';
export { EventLog } from './EventLog';
export type { WorldEvent } from './EventLog';
export type {
  ClusterState,
  Deployment,
  Effect,
  Namespace,
  ObjectChange,
  Pod,
  RegionState,
} from './types';
