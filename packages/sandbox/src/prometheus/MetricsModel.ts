import type { SeededRandom, TimerHandle, WorldClock } from '../clock';
import type { TrafficManager } from '../trafficmanager';
import type { World } from '../world';
import { bucketIndex, LATENCY_BUCKETS, LATENCY_SHAPE } from './histogram';
import { SeriesStore } from './SeriesStore';

/** Scrape interval: how often raw series are sampled. */
export const SCRAPE_INTERVAL_MS = 15000;
/** Longest SLO window (3d) plus Prometheus' 5 m lookback. */
const RETENTION_MS = 3 * 24 * 3600 * 1000 + 10 * 60 * 1000;
/**
 * Step of the synthesised history before the detailed one: coarse enough to cost little
 * at start (a day is 1,440 scrapes), fine enough for the 5-minute lookback and graphs.
 */
const BUDGET_HISTORY_STEP_MS = 60_000;
/** Errors a healthy service still has (well inside the 99.9% SLO). */
const BASE_ERROR_RATIO = 0.0002;
/** Share of a deployment's replicas that can carry the full load (the rest is headroom). */
const CAPACITY_FRACTION = 0.5;
const DNS_QPS_PER_CLIENT_RPS = 0.2;
/** The `route` label of user requests and of health checks and synthetic monitoring. */
export const USER_ROUTE = '/';
export const HEALTH_ROUTE = '/healthz';

/**
 * The raw series the applications, exporters and kube-state-metrics would expose, produced
 * from the world's state: every scrape interval the load each region receives (its share of
 * the Traffic Manager answers plus synthetic monitoring) is served by the ready pods of each
 * serving workload, with their capacity, packet loss and latency, and counted into
 * http_requests_total and the latency histogram. Real requests to the apps count too.
 */
export class MetricsModel {
  readonly store = new SeriesStore(
    Math.ceil(RETENTION_MS / SCRAPE_INTERVAL_MS) + 2,
  );
  private timer?: TimerHandle;
  private lastTick = 0;
  private budgetHistoryMs = 0;
  private readonly dnsQueries = new Map<string, number>();
  /**
   * Once the synthetic clients send the users' requests themselves (serveUsers), the
   * scrape only adds monitoring; before that (and for the history) it adds the users too.
   */
  private usersFromClients = false;

  constructor(
    private readonly world: World,
    private readonly tm: TrafficManager,
    private readonly clock: WorldClock,
    private readonly random: SeededRandom,
  ) {}

  /**
   * `historyMs`: world time already "lived" at start, scraped as the world is now, so
   * dashboards and 5-minute SLO windows have data from the first request instead of minutes
   * later. It costs real time (every scrape of it), so callers run it on a paused clock.
   */
  /**
   * `budgetHistoryMs`: older history before that, at one sample a minute, so the long SLO
   * windows (up to 3 days) hold that much steady-state traffic as a world that has been
   * running would, instead of only the minutes since start. Before all of it the world is
   * taken to have run in the same steady state (`SeriesStore.assumeSteadyBefore`), so the
   * 30-day window of the error budget is full too and a drill costs the share of the
   * budget it would in production, without a month of samples. Kept across resets.
   */
  start(historyMs = 0, usersFromClients = false, budgetHistoryMs = 0) {
    this.usersFromClients = false;
    this.budgetHistoryMs = budgetHistoryMs;
    const now = this.clock.now();
    const detailedFrom = now - historyMs;
    this.lastTick = detailedFrom - budgetHistoryMs;
    this.sampleGauges(this.lastTick);
    this.store.sample(this.lastTick);
    while (this.lastTick + BUDGET_HISTORY_STEP_MS <= detailedFrom) {
      this.scrape(this.lastTick + BUDGET_HISTORY_STEP_MS);
    }
    if (this.lastTick < detailedFrom) this.scrape(detailedFrom);
    while (this.lastTick + SCRAPE_INTERVAL_MS <= now) {
      this.scrape(this.lastTick + SCRAPE_INTERVAL_MS);
    }
    // Windows longer than that history (the budget's 30 days) see the same steady state.
    this.store.assumeSteadyBefore();
    this.usersFromClients = usersFromClients;
    this.timer = this.clock.setInterval(
      () => this.scrape(this.clock.now()),
      SCRAPE_INTERVAL_MS,
    );
  }

  stop() {
    this.clock.clear(this.timer);
  }

  reset() {
    const users = this.usersFromClients;
    this.stop();
    this.store.clear();
    this.dnsQueries.clear();
    this.start(0, users, this.budgetHistoryMs);
  }

  /** A real request answered by a region's app. */
  recordRequest(r: {
    region: string;
    service: string;
    code: number;
    method: string;
    latencyMs: number;
    route?: string;
  }) {
    this.count(
      r.region,
      r.service,
      String(r.code),
      r.method,
      1,
      r.route ?? HEALTH_ROUTE,
    );
    this.observe(r.region, r.service, r.latencyMs / 1000, 1);
  }

  recordDnsQuery(profile: string, endpoint: string | undefined) {
    if (!endpoint) return;
    const key = `${profile}\u0000${endpoint}`;
    this.dnsQueries.set(key, (this.dnsQueries.get(key) ?? 0) + 1);
  }

  private scrape(now: number) {
    const dt = (now - this.lastTick) / 1000;
    this.lastTick = now;
    for (const region of this.world.regions.keys()) {
      this.serve(
        region,
        this.world.regions.get(region)!.spec.monitoringRps,
        dt,
        HEALTH_ROUTE,
      );
      if (!this.usersFromClients)
        this.serve(region, this.userLoadOf(region, now), dt, USER_ROUTE);
    }
    this.sampleGauges(now, dt);
    this.store.sample(now);
  }

  /**
   * One tick of the synthetic clients' requests to a region, served like any other load
   * (without the scrape's noise and background errors: the clients send exactly these). Returns the share of
   * them that failed: a request fails when any hop on its way fails it.
   */
  serveUsers(region: string, rps: number, dtSeconds: number): number {
    return this.serve(region, rps, dtSeconds, USER_ROUTE, false);
  }

  /** Users' requests per second reaching a region: its share of each profile's users. */
  private userLoadOf(region: string, now: number): number {
    let rps = 0;
    for (const profile of this.tm.all()) {
      const shares = this.tm.trafficShares(profile, now);
      for (const e of profile.endpoints) {
        if (e.region === region)
          rps += profile.clientRps * (shares.get(e.name) ?? 0);
      }
    }
    return rps;
  }

  private serve(
    region: string,
    rps: number,
    dt: number,
    route: string,
    noisy = true,
  ): number {
    const noise = noisy ? 1 + 0.1 * (this.random.next() - 0.5) : 1;
    const requests = rps * dt * noise;
    if (requests <= 0) return 0;
    let okShare = 1;
    for (const hop of this.world.servingWorkloads(region)) {
      const needed = Math.max(1, Math.ceil(hop.replicas * CAPACITY_FRACTION));
      const perPod = rps / needed;
      const pods = hop.ready.map(p => {
        const u = this.world.podUtilisation(p);
        return {
          capacity: perPod * Math.min(1, (1 - u) / 0.9),
          loss: this.world.podLossProbability(p),
          latency: this.world.podLatencyMs(p) / 1000,
        };
      });
      const capacity = pods.reduce((s, p) => s + p.capacity, 0);
      const servedShare = rps > 0 ? Math.min(1, capacity / rps) : 1;
      const overload = servedShare < 1 ? 1.5 : 1;
      const served = requests * servedShare;
      const rejected = requests - served;
      let lost = 0;
      let failed = 0;
      for (const p of pods) {
        const through = capacity > 0 ? served * (p.capacity / capacity) : 0;
        const pLost = through * p.loss;
        // The background errors stay on the scraped load: the synthetic clients fail only
        // for a reason the world can name (no ready pod, overload, loss), so a drain that
        // loses no request shows exactly 0 failed user requests.
        const pFailed = noisy
          ? (through - pLost) * BASE_ERROR_RATIO * (0.5 + this.random.next())
          : 0;
        const ok = through - pLost - pFailed;
        lost += pLost;
        failed += pFailed;
        for (const [share, factor] of LATENCY_SHAPE)
          this.observe(
            region,
            hop.name,
            p.latency * factor * overload,
            ok * share,
          );
        this.observe(region, hop.name, p.latency, pFailed);
      }
      // Lost packets hang until the gateway's 30 s timeout; rejections fail fast.
      this.observe(region, hop.name, 30, lost);
      this.observe(region, hop.name, 0.001, rejected);
      this.count(region, hop.name, '200', 'GET', served - lost - failed, route);
      this.count(region, hop.name, '500', 'GET', failed, route);
      this.count(region, hop.name, '503', 'GET', rejected, route);
      this.count(region, hop.name, '504', 'GET', lost, route);
      okShare *= (served - lost - failed) / requests;
    }
    return 1 - okShare;
  }

  private count(
    region: string,
    service: string,
    code: string,
    method: string,
    n: number,
    route: string,
  ) {
    if (n <= 0) return;
    this.store.get(
      'http_requests_total',
      { region, service, code, method, route },
      'counter',
    ).current += n;
  }

  private observe(region: string, service: string, seconds: number, n: number) {
    if (n <= 0) return;
    const first = bucketIndex(seconds);
    LATENCY_BUCKETS.forEach((le, i) => {
      const s = this.store.get(
        'http_request_duration_seconds_bucket',
        { region, service, le: le === Infinity ? '+Inf' : String(le) },
        'counter',
      );
      if (i >= first) s.current += n;
    });
    this.store.get(
      'http_request_duration_seconds_sum',
      { region, service },
      'counter',
    ).current += seconds * n;
    this.store.get(
      'http_request_duration_seconds_count',
      { region, service },
      'counter',
    ).current += n;
  }

  /** Gauges: replication lag, available replicas, Traffic Manager endpoint state and QPS. */
  private sampleGauges(now: number, dt = SCRAPE_INTERVAL_MS / 1000) {
    const regions = [...this.world.regions.values()];
    for (const r of regions) {
      // The writer of a database is the first region that uses it.
      const writer = regions.find(x => x.spec.database === r.spec.database)!;
      const lag = this.store.get(
        'db_replication_lag_seconds',
        { region: r.spec.name, database: r.spec.database },
        'gauge',
      );
      if (r.downSince !== undefined) {
        // The region's exporter is down with it: the series goes absent.
        lag.current = NaN;
      } else if (r === writer) {
        lag.current = 0;
      } else {
        const delay = Math.max(
          0,
          ...this.world
            .clustersIn(r.spec.name)
            .flatMap(c =>
              [...c.pods.values()].map(
                p => this.world.podLatencyMs(p) - r.spec.app.baseLatencyMs,
              ),
            ),
        );
        // Without the writer, nothing is replayed: lag grows with the outage.
        const stalled =
          writer.downSince !== undefined ? (now - writer.downSince) / 1000 : 0;
        lag.current =
          0.15 + 0.1 * this.random.next() + (2 * delay) / 1000 + stalled;
      }
    }
    for (const c of this.world.clusters.values()) {
      for (const d of c.deployments.values()) {
        const ready = this.world
          .podsOf(d)
          .filter(p => this.world.isPodReady(p)).length;
        this.store.get(
          'kube_deployment_status_replicas_available',
          {
            region: c.region,
            cluster: c.spec.name,
            namespace: d.namespace,
            deployment: d.name,
          },
          'gauge',
        ).current = ready;
      }
    }
    for (const p of this.tm.all()) {
      const shares = this.tm.trafficShares(p, now);
      for (const e of p.endpoints) {
        const labels = { profile: p.name, endpoint: e.name };
        const up =
          e.endpointMonitorStatus === 'Online' ||
          e.endpointMonitorStatus === 'CheckingEndpoint';
        this.store.get(
          'azure_traffic_manager_endpoint_status',
          labels,
          'gauge',
        ).current = up ? 1 : 0;
        const real = this.dnsQueries.get(`${p.name}\u0000${e.name}`) ?? 0;
        this.store.get(
          'azure_traffic_manager_endpoint_qps',
          labels,
          'gauge',
        ).current =
          p.clientRps * DNS_QPS_PER_CLIENT_RPS * (shares.get(e.name) ?? 0) +
          real / dt;
      }
    }
    this.dnsQueries.clear();
  }
}
