import type {
  ClusterSpec,
  EndpointSpec,
  MonitorSpec,
  ProfileSpec,
  RegionSpec,
  Topology,
  WorkloadSpec,
} from './types';

export class TopologyError extends Error {
  constructor(path: string, message: string) {
    super(`topology ${path}: ${message}`);
    this.name = 'TopologyError';
  }
}

/**
 * Turns the YAML document into a complete Topology, filling defaults and rejecting
 * anything the world could not honour, with the path of the offending field.
 */
export function parseTopology(doc: unknown): Topology {
  const root = obj(doc, '$');
  const defaults =
    root.defaults === undefined ? {} : obj(root.defaults, '$.defaults');
  const defaultNamespaces = strings(
    defaults.namespaces ?? [],
    '$.defaults.namespaces',
  );
  const defaultWorkloads = arr(
    defaults.workloads ?? [],
    '$.defaults.workloads',
  ).map((w, i) => workload(w, `$.defaults.workloads[${i}]`));

  const regions = arr(root.regions, '$.regions').map((r, i) =>
    region(r, `$.regions[${i}]`, defaultNamespaces, defaultWorkloads),
  );
  if (regions.length === 0)
    throw new TopologyError('$.regions', 'at least one region is required');
  unique(
    regions.map(r => r.name),
    '$.regions[].name',
  );
  unique(
    regions.flatMap(r => r.clusters.map(c => c.name)),
    '$.regions[].clusters[].name',
  );

  const tm =
    root.trafficManager === undefined
      ? {}
      : obj(root.trafficManager, '$.trafficManager');
  const profiles = arr(tm.profiles ?? [], '$.trafficManager.profiles').map(
    (p, i) => profile(p, `$.trafficManager.profiles[${i}]`, regions),
  );
  unique(
    profiles.map(p => `${p.resourceGroup}/${p.name}`.toLowerCase()),
    '$.trafficManager.profiles[].name',
  );
  unique(
    profiles.map(p => p.relativeName.toLowerCase()),
    '$.trafficManager.profiles[].relativeName',
  );

  return {
    subscriptionId: str(
      root.subscriptionId ?? '00000000-0000-0000-0000-000000000000',
      '$.subscriptionId',
    ),
    regions,
    profiles,
  };
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function region(
  v: unknown,
  path: string,
  defaultNamespaces: string[],
  defaultWorkloads: WorkloadSpec[],
): RegionSpec {
  const o = obj(v, path);
  const name = dnsLabel(o.name, `${path}.name`);
  const app = obj(o.app ?? {}, `${path}.app`);
  const clusters = arr(
    o.clusters ?? [{ name: `aks-${name}` }],
    `${path}.clusters`,
  ).map((c, i) =>
    cluster(c, `${path}.clusters[${i}]`, defaultNamespaces, defaultWorkloads),
  );
  if (clusters.length === 0)
    throw new TopologyError(
      `${path}.clusters`,
      'at least one cluster is required',
    );
  return {
    name,
    location: str(o.location ?? name, `${path}.location`),
    app: {
      port: optPort(app.port, `${path}.app.port`),
      target: str(
        app.target ?? `${name}.sandbox.local`,
        `${path}.app.target`,
      ).toLowerCase(),
      baseLatencyMs: num(
        app.baseLatencyMs ?? 20,
        `${path}.app.baseLatencyMs`,
        1,
        60000,
      ),
    },
    monitoringRps: num(o.monitoringRps ?? 1, `${path}.monitoringRps`, 0, 1e6),
    database: str(o.database ?? 'postgres', `${path}.database`),
    clusters,
  };
}

function cluster(
  v: unknown,
  path: string,
  defaultNamespaces: string[],
  defaultWorkloads: WorkloadSpec[],
): ClusterSpec {
  const o = obj(v, path);
  const listed =
    o.workloads === undefined
      ? defaultWorkloads
      : arr(o.workloads, `${path}.workloads`).map((w, i) =>
          workload(w, `${path}.workloads[${i}]`),
        );
  const workloads = withReplicaOverrides(listed, o.replicas, path);
  const namespaces = new Set(
    o.namespaces === undefined
      ? defaultNamespaces
      : strings(o.namespaces, `${path}.namespaces`),
  );
  // A workload's namespace always exists, and so does `default` as in every cluster.
  namespaces.add('default');
  workloads.forEach(w => namespaces.add(w.namespace));
  unique(
    workloads.map(w => `${w.namespace}/${w.name}`),
    `${path}.workloads[].name`,
  );
  return {
    name: dnsLabel(o.name, `${path}.name`),
    port: optPort(o.port, `${path}.port`),
    namespaces: [...namespaces].sort(),
    workloads,
  };
}

/**
 * `replicas: { <deployment>: n }` scales a cluster's workloads without restating them, as an
 * environment's overlay does (production runs more API pods than staging).
 */
function withReplicaOverrides(
  workloads: WorkloadSpec[],
  overrides: unknown,
  path: string,
): WorkloadSpec[] {
  if (overrides === undefined) return workloads;
  const counts = obj(overrides, `${path}.replicas`);
  for (const name of Object.keys(counts)) {
    if (!workloads.some(w => w.name === name)) {
      throw new TopologyError(
        `${path}.replicas.${name}`,
        `the cluster runs no workload named ${name}`,
      );
    }
  }
  return workloads.map(w =>
    counts[w.name] === undefined
      ? w
      : {
          ...w,
          replicas: num(
            counts[w.name],
            `${path}.replicas.${w.name}`,
            0,
            1000,
            true,
          ),
        },
  );
}

function workload(v: unknown, path: string): WorkloadSpec {
  const o = obj(v, path);
  const labels =
    o.labels === undefined ? undefined : obj(o.labels, `${path}.labels`);
  return {
    namespace: dnsLabel(o.namespace, `${path}.namespace`),
    name: dnsLabel(o.name, `${path}.name`),
    replicas: num(o.replicas ?? 1, `${path}.replicas`, 0, 1000, true),
    component:
      o.component === undefined
        ? undefined
        : str(o.component, `${path}.component`),
    partOf:
      o.partOf === undefined ? undefined : str(o.partOf, `${path}.partOf`),
    labels:
      labels &&
      Object.fromEntries(
        Object.entries(labels).map(([k, l]) => [
          k,
          str(l, `${path}.labels.${k}`),
        ]),
      ),
    serving:
      o.serving === undefined ? false : bool(o.serving, `${path}.serving`),
    port:
      o.port === undefined
        ? undefined
        : num(o.port, `${path}.port`, 1, 65535, true),
    image: o.image === undefined ? undefined : str(o.image, `${path}.image`),
  };
}

function profile(v: unknown, path: string, regions: RegionSpec[]): ProfileSpec {
  const o = obj(v, path);
  const m = obj(o.monitor ?? {}, `${path}.monitor`);
  const monitor: MonitorSpec = {
    protocol: oneOf(
      m.protocol ?? 'HTTPS',
      ['HTTP', 'HTTPS', 'TCP'] as const,
      `${path}.monitor.protocol`,
    ),
    port: num(m.port ?? 443, `${path}.monitor.port`, 1, 65535, true),
    path: str(m.path ?? '/healthz', `${path}.monitor.path`),
    intervalInSeconds: oneOf(
      m.intervalInSeconds ?? 30,
      [10, 30] as const,
      `${path}.monitor.intervalInSeconds`,
    ),
    timeoutInSeconds: num(
      m.timeoutInSeconds ?? 10,
      `${path}.monitor.timeoutInSeconds`,
      5,
      10,
      true,
    ),
    toleratedNumberOfFailures: num(
      m.toleratedNumberOfFailures ?? 3,
      `${path}.monitor.toleratedNumberOfFailures`,
      0,
      9,
      true,
    ),
  };
  if (monitor.timeoutInSeconds >= monitor.intervalInSeconds) {
    throw new TopologyError(
      `${path}.monitor.timeoutInSeconds`,
      'must be less than intervalInSeconds',
    );
  }
  const endpoints = arr(o.endpoints, `${path}.endpoints`).map(
    (e, i): EndpointSpec => {
      const ep = obj(e, `${path}.endpoints[${i}]`);
      const regionName = str(
        ep.region ?? ep.name,
        `${path}.endpoints[${i}].region`,
      );
      const r = regions.find(x => x.name === regionName);
      if (!r)
        throw new TopologyError(
          `${path}.endpoints[${i}].region`,
          `unknown region '${regionName}'`,
        );
      return {
        name: str(ep.name ?? regionName, `${path}.endpoints[${i}].name`),
        region: regionName,
        priority: num(
          ep.priority ?? i + 1,
          `${path}.endpoints[${i}].priority`,
          1,
          1000,
          true,
        ),
        weight: num(
          ep.weight ?? 1,
          `${path}.endpoints[${i}].weight`,
          1,
          1000,
          true,
        ),
        target: r.app.target,
        endpointLocation: r.location,
      };
    },
  );
  unique(
    endpoints.map(e => e.name),
    `${path}.endpoints[].name`,
  );
  return {
    name: str(o.name, `${path}.name`),
    environment: str(o.environment ?? 'production', `${path}.environment`),
    resourceGroup: str(o.resourceGroup, `${path}.resourceGroup`),
    relativeName: dnsLabel(o.relativeName, `${path}.relativeName`),
    ttl: num(o.ttl ?? 60, `${path}.ttl`, 0, 2147483647, true),
    routingMethod: oneOf(
      o.routingMethod ?? 'Priority',
      [
        'Priority',
        'Weighted',
        'Performance',
        'Geographic',
        'MultiValue',
        'Subnet',
      ] as const,
      `${path}.routingMethod`,
    ),
    monitor,
    clientRps: num(o.clientRps ?? 50, `${path}.clientRps`, 0, 1e6),
    endpoints,
  };
}

function obj(v: unknown, path: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw new TopologyError(path, 'must be a mapping');
  }
  return v as Record<string, unknown>;
}

function arr(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) throw new TopologyError(path, 'must be a list');
  return v;
}

function str(v: unknown, path: string): string {
  if (typeof v !== 'string' || v.length === 0)
    throw new TopologyError(path, 'must be a non-empty string');
  return v;
}

function strings(v: unknown, path: string): string[] {
  return arr(v, path).map((s, i) => dnsLabel(s, `${path}[${i}]`));
}

function dnsLabel(v: unknown, path: string): string {
  const s = str(v, path);
  if (!DNS_LABEL.test(s) || s.length > 63)
    throw new TopologyError(path, `'${s}' is not a DNS label`);
  return s;
}

function bool(v: unknown, path: string): boolean {
  if (typeof v !== 'boolean')
    throw new TopologyError(path, 'must be true or false');
  return v;
}

function num(
  v: unknown,
  path: string,
  min: number,
  max: number,
  integer = false,
): number {
  if (
    typeof v !== 'number' ||
    !Number.isFinite(v) ||
    v < min ||
    v > max ||
    (integer && !Number.isInteger(v))
  ) {
    throw new TopologyError(
      path,
      `must be ${integer ? 'an integer' : 'a number'} in ${min}..${max}`,
    );
  }
  return v;
}

function optPort(v: unknown, path: string): number | undefined {
  return v === undefined ? undefined : num(v, path, 0, 65535, true);
}

function oneOf<T extends string | number>(
  v: unknown,
  allowed: readonly T[],
  path: string,
): T {
  if (!allowed.includes(v as T))
    throw new TopologyError(path, `must be one of ${allowed.join(', ')}`);
  return v as T;
}

function unique(values: string[], path: string) {
  const seen = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) throw new TopologyError(path, `duplicate '${v}'`);
    seen.add(v);
  }
}
