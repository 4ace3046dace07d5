import type { SeededRandom, TimerHandle, WorldClock } from '../clock';
import type { TmProfile, TrafficManager } from '../trafficmanager';
import { answerEndpoint, answerKey } from '../trafficmanager';
import { outageSummary, OutageSummary } from './outageSummary';

/** How often every client sends a request (world ms): the ground truth's resolution. */
export const CLIENT_TICK_MS = 1000;
/** Outages each client remembers, newest last. */
const OUTAGES_KEPT = 8;

/** Serves one tick of user requests for a region; returns the share that failed. */
export type ServeUsers = (
  region: string,
  rps: number,
  dtSeconds: number,
) => number;

interface Client {
  /** The endpoint name of its cached DNS answer (undefined: NXDOMAIN cached). */
  endpoint?: string;
  /** World ms at which its cached answer expires and it resolves again. */
  expiresAt: number;
  failingSince?: number;
  lastFailureAt?: number;
  outages: { from: number; to?: number }[];
}

interface Population {
  profile: TmProfile;
  clients: Client[];
  /** The TTL (ms) the population's caches were last filled with. */
  ttlMs: number;
}

/**
 * The profile's users: each resolves the FQDN through its own cache, which keeps an answer
 * for the TTL it came with, and the population's resolution times are spread over the TTL,
 * as a large population of independent resolvers' are. Every tick each client sends its
 * request to the region it resolved; the region's app serves it (or not) through the
 * metrics model, which counts it in http_requests_total. So the request counters and the
 * traffic shares are produced by these clients, and each client's own record of when it
 * failed is the ground truth the portal's traffic-based measurement is checked against.
 *
 * Simulated in the world's tick rather than as sockets: a few hundred clients cost one
 * pass over an array per world second.
 */
export class SyntheticClients {
  private populations: Population[] = [];
  private timer?: TimerHandle;
  private lastTick = 0;

  constructor(
    private readonly tm: TrafficManager,
    private readonly clock: WorldClock,
    private readonly random: SeededRandom,
    private readonly serve: ServeUsers,
    /** Clients per profile. */
    readonly count: number,
  ) {}

  start() {
    const now = this.clock.now();
    this.lastTick = now;
    this.populations = this.tm.all().map(profile => {
      const population: Population = {
        profile,
        clients: Array.from({ length: this.count }, () => ({
          expiresAt: now,
          outages: [],
        })),
        ttlMs: profile.dnsConfig.ttl * 1000,
      };
      this.spread(population, now);
      return population;
    });
    this.timer = this.clock.setInterval(() => this.tick(), CLIENT_TICK_MS);
  }

  stop() {
    this.clock.clear(this.timer);
    this.timer = undefined;
  }

  reset() {
    this.stop();
    this.start();
  }

  /** Share of the profile's clients whose cached answer is each endpoint, or undefined if it has none. */
  shares(profile: TmProfile): Map<string, number> | undefined {
    const population = this.populations.find(p => p.profile === profile);
    if (!population || population.clients.length === 0) return undefined;
    const shares = new Map<string, number>();
    for (const c of population.clients) {
      if (c.endpoint === undefined) continue;
      shares.set(c.endpoint, (shares.get(c.endpoint) ?? 0) + 1);
    }
    for (const [name, n] of shares)
      shares.set(name, n / population.clients.length);
    return shares;
  }

  /** Per profile: clients failing now and the per-client outages that started at or after `since`. */
  summary(since = -Infinity): {
    profile: string;
    clients: number;
    failingNow: number;
    outages: OutageSummary;
  }[] {
    const now = this.clock.now();
    return this.populations.map(p => ({
      profile: p.profile.name,
      clients: p.clients.length,
      failingNow: p.clients.filter(c => c.failingSince !== undefined).length,
      outages: outageSummary(
        p.clients.map(c => [...c.outages].reverse().find(o => o.from >= since)),
        now,
      ),
    }));
  }

  private tick() {
    const now = this.clock.now();
    const dt = (now - this.lastTick) / 1000;
    this.lastTick = now;
    if (dt <= 0) return;
    for (const population of this.populations)
      this.tickPopulation(population, now, dt);
  }

  /**
   * Fresh answers for every client, their expiries spread over one TTL so that as many
   * caches expire in every second of it, as a large population of independent resolvers'
   * do.
   */
  private spread(population: Population, now: number) {
    const { profile, clients, ttlMs } = population;
    clients.forEach((c, i) => {
      c.endpoint = this.answerNow(profile);
      c.expiresAt =
        now + ((i + this.random.next()) / clients.length) * Math.max(0, ttlMs);
    });
  }

  private tickPopulation(population: Population, now: number, dt: number) {
    const { profile, clients } = population;
    const ttlMs = profile.dnsConfig.ttl * 1000;
    // A new TTL spreads the population over it again. Without that, caches filled while
    // the TTL was 0 would all expire in the same second, and after 30 s → 60 s half of
    // every 60 s would see no expiry: the last client would move well before switch + TTL,
    // which a large population of independent resolvers does not.
    const changed = population.ttlMs !== ttlMs;
    population.ttlMs = ttlMs;
    if (changed && ttlMs > 0) this.spread(population, now);
    const byEndpoint = new Map<string | undefined, Client[]>();
    for (const c of clients) {
      this.resolve(profile, c, now);
      const group = byEndpoint.get(c.endpoint) ?? [];
      group.push(c);
      byEndpoint.set(c.endpoint, group);
    }
    const rpsPerClient = profile.clientRps / clients.length;
    for (const [endpoint, group] of byEndpoint) {
      const region = profile.endpoints.find(e => e.name === endpoint)?.region;
      // No answer, or an answer that reaches no app: the request fails before any app sees it.
      const failedShare =
        region === undefined
          ? 1
          : this.serve(region, rpsPerClient * group.length, dt);
      for (const c of group) {
        const failed =
          failedShare >= 1 ||
          (failedShare > 0 && this.random.next() < failedShare);
        this.record(c, failed, now);
      }
    }
  }

  /** Catches up on every expiry since the last tick, each answered as DNS answered at that moment. */
  private resolve(profile: TmProfile, c: Client, now: number) {
    const ttlMs = profile.dnsConfig.ttl * 1000;
    if (ttlMs <= 0) {
      // Nothing is cached: every request resolves afresh.
      c.endpoint = this.answerNow(profile);
      c.expiresAt = now;
      return;
    }
    while (c.expiresAt <= now) {
      c.endpoint = this.answerAt(profile, c.expiresAt);
      c.expiresAt += ttlMs;
    }
  }

  /** The endpoint DNS answers this client now (weighted routing picks one per query). */
  private answerNow(profile: TmProfile): string | undefined {
    return answerEndpoint(profile, this.random)?.name;
  }

  /** DNS's answer at world time `t` (≤ now), from the record of switches. */
  private answerAt(profile: TmProfile, t: number): string | undefined {
    // A weighted answer is a pool, not one endpoint; its switches say nothing per query.
    if (profile.trafficRoutingMethod === 'Weighted')
      return this.answerNow(profile);
    const switches = this.tm.switches.filter(s => s.profile === profile.name);
    let answer = answerKey(profile);
    for (let i = switches.length - 1; i >= 0 && switches[i].at > t; i--)
      answer = switches[i].from;
    return answer;
  }

  private record(c: Client, failed: boolean, now: number) {
    if (failed) {
      if (c.failingSince === undefined) {
        c.failingSince = now;
        c.outages.push({ from: now });
        if (c.outages.length > OUTAGES_KEPT) c.outages.shift();
      }
      c.lastFailureAt = now;
    } else if (c.failingSince !== undefined) {
      // Its first request served again ends the outage.
      c.outages[c.outages.length - 1].to = now;
      c.failingSince = undefined;
    }
  }
}
