export { loadTopology, defaultTopologyPath } from './loadTopology';
export { parseTopology, TopologyError } from './parseTopology';
export type {
  ClusterSpec,
  EndpointSpec,
  MonitorSpec,
  ProfileSpec,
  RegionSpec,
  Topology,
  WorkloadSpec,
} from './types';
