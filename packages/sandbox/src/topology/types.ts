/** The world's shape, as read from topology.yaml (see README.md for the file format). */
export type WorkloadSpec = {
  namespace: string;
  name: string;
  replicas: number;
  /** app.kubernetes.io/component */
  component?: string;
  /** app.kubernetes.io/part-of */
  partOf?: string;
  /** Extra pod and deployment labels; app.kubernetes.io/name is always set to `name`. */
  labels?: Record<string, string>;
  /** Serving workloads answer the region's HTTP traffic: no ready pod → the region's app is down. */
  serving?: boolean;
  port?: number;
  image?: string;
};

export type ClusterSpec = {
  name: string;
  /** Loopback port of this cluster's Kubernetes API; 0 = ephemeral. */
  port?: number;
  namespaces: string[];
  workloads: WorkloadSpec[];
};

export type RegionSpec = {
  name: string;
  /** Azure display name, used as endpointLocation. */
  location: string;
  app: {
    port?: number;
    target: string;
    /** Latency of one hop (one serving workload's pod) when healthy. */
    baseLatencyMs: number;
  };
  /** Requests per second of synthetic monitoring that reach the region even when it serves no users. */
  monitoringRps: number;
  database: string;
  clusters: ClusterSpec[];
};

export type MonitorSpec = {
  protocol: 'HTTP' | 'HTTPS' | 'TCP';
  port: number;
  path: string;
  intervalInSeconds: number;
  timeoutInSeconds: number;
  toleratedNumberOfFailures: number;
};

export type EndpointSpec = {
  name: string;
  /** The region whose application this endpoint fronts (probed, and its target). */
  region: string;
  priority: number;
  weight: number;
  target: string;
  endpointLocation: string;
};

export type ProfileSpec = {
  name: string;
  environment: string;
  resourceGroup: string;
  relativeName: string;
  ttl: number;
  routingMethod: string;
  monitor: MonitorSpec;
  /** User requests per second arriving through the profile's FQDN, split by the DNS answers. */
  clientRps: number;
  endpoints: EndpointSpec[];
};

export type Topology = {
  subscriptionId: string;
  regions: RegionSpec[];
  profiles: ProfileSpec[];
};
