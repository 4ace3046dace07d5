import fs from 'node:fs';
import path from 'node:path';
import { AppServer } from './app/AppServer';
import {
  ArgoCdController,
  ArgoCdServer,
  ArgoTimings,
  DEFAULT_ARGO_TIMINGS,
} from './argocd';
import { ArmServer } from './arm';
import { ChaosController } from './chaos';
import { SyntheticClients } from './clients';
import { SeededRandom, WorldClock } from './clock';
import { ControlServer, FaultRegistry } from './control';
import { DnsServer } from './dns';
import { BoundPorts, buildEndpoints, SandboxEndpoints } from './endpointsFile';
import { buildKubeconfig, KubeApiServer } from './kubernetes';
import { MetricsModel, PrometheusServer } from './prometheus';
import { createSandboxTls } from './tls/certificates';
import { loadTopology, Topology } from './topology';
import { TrafficManager } from './trafficmanager';
import { EventLog, World, WorldEvent } from './world';

export type PortOverrides = Partial<{
  control: number;
  arm: number;
  dns: number;
  prometheus: number;
  argocd: number;
  /** By cluster name. */
  clusters: Record<string, number>;
  /** By region name. */
  apps: Record<string, number>;
}>;

/** Enough clients that the last cache to expire is within a fraction of a second of the TTL. */
const DEFAULT_CLIENTS = 300;

export type SandboxOptions = {
  /** A parsed topology or the path of a topology YAML file; default: the package's topology.yaml. */
  topology?: Topology | string;
  /** World seconds per real second (default 1). */
  speed?: number;
  /** Seed of every random choice (pod names, chaos selection, noise). Default 'nt-infra'. */
  seed?: number | string;
  /** 'fixed' (default): topology/default ports; 'ephemeral': every port 0; or per-port overrides. */
  ports?: 'fixed' | 'ephemeral' | PortOverrides;
  /** Where endpoints.json, kubeconfig and ca.pem go; default <repo>/.sandbox; false = write nothing. */
  stateDir?: string | false;
  /** World time at start (epoch ms); default now. */
  startTime?: number;
  /**
   * Minutes of metrics history the world starts with, as it is at start (default 60, the
   * dashboards' default range; 0 = none). A reset starts with none.
   */
  metricsHistoryMinutes?: number;
  /**
   * Hours of older, coarser (one sample a minute) steady-state history before that
   * (default 72: the longest window the alerts read). Windows longer than all history
   * (the error budget's 30 days) take the world as steady before it, so the budget is
   * computed over a full window and one drill costs what it would in production. Kept
   * on reset.
   */
  budgetHistoryHours?: number;
  /** Called for every world event (the CLI logs them). */
  onEvent?: (event: WorldEvent) => void;
  /**
   * The Argo CD stand-in: the GitOps bare remote it watches (default
   * `<stateDir>/gitops.git`, where the portal's local provider keeps it), its
   * bearer token (default `sandbox`) and timings in world seconds.
   */
  argocd?: { remote?: string; token?: string; timings?: Partial<ArgoTimings> };
  /**
   * Synthetic clients per Traffic Manager profile (default 300; 0 = none, users then
   * follow the traffic-share formula): they send the users' requests and are the failover
   * ground truth (GET /clients).
   */
  clients?: number;
};

export type RunningSandbox = {
  endpoints: SandboxEndpoints;
  /** PEM of the sandbox CA, to trust its HTTPS servers without reading ca.pem. */
  ca: string;
  stop(): Promise<void>;
};

export const DEFAULT_PORTS = {
  control: 7100,
  arm: 7101,
  dns: 7153,
  prometheus: 7190,
  argocd: 7170,
  clusterBase: 7111,
  appBase: 7181,
};

/** The repository root (the nearest package.json declaring workspaces), for the default state dir. */
export function findRepoRoot(from = process.cwd()): string {
  let dir = path.resolve(from);
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (
      fs.existsSync(pkg) &&
      JSON.parse(fs.readFileSync(pkg, 'utf8')).workspaces
    )
      return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(from);
    dir = parent;
  }
}

function planPorts(
  topology: Topology,
  ports: SandboxOptions['ports'],
): BoundPorts {
  const eph = ports === 'ephemeral';
  const o: PortOverrides = typeof ports === 'object' ? ports : {};
  const pick = (override: number | undefined, fixed: number) =>
    eph ? 0 : override ?? fixed;
  const clusters = topology.regions.flatMap(r => r.clusters);
  return {
    control: pick(o.control, DEFAULT_PORTS.control),
    arm: pick(o.arm, DEFAULT_PORTS.arm),
    dns: pick(o.dns, DEFAULT_PORTS.dns),
    prometheus: pick(o.prometheus, DEFAULT_PORTS.prometheus),
    argocd: pick(o.argocd, DEFAULT_PORTS.argocd),
    clusters: Object.fromEntries(
      clusters.map((c, i) => [
        c.name,
        pick(o.clusters?.[c.name] ?? c.port, DEFAULT_PORTS.clusterBase + i),
      ]),
    ),
    apps: Object.fromEntries(
      topology.regions.map((r, i) => [
        r.name,
        pick(o.apps?.[r.name] ?? r.app.port, DEFAULT_PORTS.appBase + i),
      ]),
    ),
  };
}

/**
 * Starts a whole sandbox world: clock, world, applications, Traffic Manager with probes,
 * ARM, DNS, one Kubernetes API per cluster with Chaos Mesh, Prometheus and the control
 * API; writes endpoints.json, kubeconfig and ca.pem. `stop()` closes everything.
 */
export async function startSandbox(
  options: SandboxOptions = {},
): Promise<RunningSandbox> {
  const topology =
    typeof options.topology === 'object'
      ? options.topology
      : loadTopology(options.topology ?? undefined);
  const seed = options.seed ?? 'nt-infra';
  // Paused until every server listens, so world time 0 is when the world is reachable.
  const clock = new WorldClock({
    speed: options.speed ?? 1,
    startTime: options.startTime,
    paused: true,
  });
  const root = new SeededRandom(seed);
  const log = new EventLog(() => clock.now(), 10000, options.onEvent);
  const world = new World(topology, clock, seed, log);
  const planned = planPorts(topology, options.ports);
  const bound: BoundPorts = { ...planned, clusters: {}, apps: {} };
  const stops: (() => Promise<void> | void)[] = [];

  try {
    const tls = createSandboxTls();
    const tm = new TrafficManager(
      topology,
      world,
      clock,
      log,
      region => bound.apps[region],
      root.fork('traffic-manager'),
    );
    const metrics = new MetricsModel(world, tm, clock, root.fork('metrics'));
    const clients = new SyntheticClients(
      tm,
      clock,
      root.fork('clients'),
      (region, rps, dt) => metrics.serveUsers(region, rps, dt),
      options.clients ?? DEFAULT_CLIENTS,
    );
    const chaos = new ChaosController(world, clock, root.fork('chaos'), log);
    const faults = new FaultRegistry(world, root.fork('faults'));
    stops.push(() => clock.stop());

    for (const region of topology.regions) {
      const app = new AppServer(
        world,
        clock,
        region.name,
        root.fork(`app:${region.name}`),
        r => metrics.recordRequest(r),
      );
      bound.apps[region.name] = await app.start(planned.apps[region.name]);
      stops.push(() => app.stop());
    }
    for (const cluster of topology.regions.flatMap(r => r.clusters)) {
      const api = new KubeApiServer(cluster.name, world, chaos, clock, tls);
      bound.clusters[cluster.name] = await api.start(
        planned.clusters[cluster.name],
      );
      stops.push(() => api.stop());
    }
    const arm = new ArmServer(tm, log, tls);
    bound.arm = await arm.start(planned.arm);
    stops.push(() => arm.stop());
    const dns = new DnsServer(tm, q =>
      metrics.recordDnsQuery(q.profile, q.endpoint),
    );
    bound.dns = await dns.start(planned.dns);
    stops.push(() => dns.stop());
    const prometheus = new PrometheusServer(metrics, clock);
    bound.prometheus = await prometheus.start(planned.prometheus);
    stops.push(() => prometheus.stop());
    const argoController = new ArgoCdController(
      topology,
      clock,
      log,
      argocdRemote(options),
      { ...DEFAULT_ARGO_TIMINGS, ...options.argocd?.timings },
      world,
    );
    const argocd = new ArgoCdServer(
      argoController,
      options.argocd?.token ?? 'sandbox',
    );
    bound.argocd = await argocd.start(planned.argocd);
    stops.push(() => argocd.stop());

    // Probing starts once the apps listen, so the first probes see the real world. The
    // metrics history is filled before the clock runs: that takes real time, which would
    // otherwise count against the first probes' timeouts.
    tm.start();
    const withClients = clients.count > 0;
    metrics.start(
      (options.metricsHistoryMinutes ?? 60) * 60_000,
      withClients,
      (options.budgetHistoryHours ?? 72) * 3600_000,
    );
    if (withClients) {
      clients.start();
      tm.useClientShares(p => clients.shares(p));
    }
    clock.start();
    argoController.start();
    stops.push(() => tm.stop());
    stops.push(() => metrics.stop());
    stops.push(() => clients.stop());
    stops.push(() => argoController.stop());

    // Filled in once every port is known; the control API serves it from then on.
    const published: { endpoints?: SandboxEndpoints } = {};
    const control = new ControlServer({
      world,
      clock,
      tm,
      log,
      faults,
      clients,
      endpoints: () => published.endpoints,
      extraTruth: () => ({
        chaos: chaos.summary(),
        argocd: argoController.summary(),
      }),
      reset: () => {
        chaos.reset();
        faults.clear();
        world.reset();
        tm.reset();
        metrics.reset();
        if (withClients) clients.reset();
      },
    });
    bound.control = await control.start(planned.control);
    stops.push(() => control.stop());

    const stateDir =
      options.stateDir === false
        ? undefined
        : options.stateDir ?? path.join(findRepoRoot(), '.sandbox');
    const files = stateDir
      ? {
          caPath: path.join(stateDir, 'ca.pem'),
          kubeconfigPath: path.join(stateDir, 'kubeconfig'),
        }
      : {};
    const endpoints = buildEndpoints(topology, tm.all(), bound, files);
    published.endpoints = endpoints;
    if (stateDir) {
      fs.mkdirSync(stateDir, { recursive: true });
      fs.writeFileSync(files.caPath!, tls.caCert);
      fs.writeFileSync(
        files.kubeconfigPath!,
        buildKubeconfig(endpoints.clusters, tls.caCert),
        { mode: 0o600 },
      );
      // Written last and atomically: its presence means the sandbox is ready.
      const tmp = path.join(stateDir, `endpoints.json.${process.pid}.tmp`);
      fs.writeFileSync(tmp, `${JSON.stringify(endpoints, null, 2)}\n`);
      fs.renameSync(tmp, path.join(stateDir, 'endpoints.json'));
    }
    log.add(
      'sandbox.started',
      `sandbox started (speed ${clock.speed}×, seed ${seed})`,
      { ports: bound },
    );

    let stopped = false;
    return {
      endpoints,
      ca: tls.caCert,
      async stop() {
        if (stopped) return;
        stopped = true;
        await closeAll(stops);
        if (stateDir)
          removeIfOurs(path.join(stateDir, 'endpoints.json'), endpoints);
      },
    };
  } catch (e) {
    await closeAll(stops);
    throw e;
  }
}

/** The GitOps remote the Argo CD stand-in watches: the local provider's default place. */
function argocdRemote(options: SandboxOptions): string | undefined {
  if (options.argocd?.remote) return path.resolve(options.argocd.remote);
  if (options.stateDir === false) return undefined;
  return path.join(
    options.stateDir ?? path.join(findRepoRoot(), '.sandbox'),
    'gitops.git',
  );
}

/** Removes endpoints.json only if it is still ours: another sandbox may have replaced it since. */
function removeIfOurs(file: string, ours: SandboxEndpoints) {
  try {
    const current = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (
      current.pid === ours.pid &&
      current.startedAt === ours.startedAt &&
      current.control === ours.control
    )
      fs.rmSync(file);
  } catch {
    // Already gone or unreadable: nothing of ours to remove.
  }
}

async function closeAll(stops: (() => Promise<void> | void)[]) {
  for (const stop of stops.reverse()) {
    try {
      await stop();
    } catch {
      // Keep closing the rest; a half-closed sandbox would hold ports.
    }
  }
}
