import type { SeededRandom, TimerHandle, WorldClock } from '../clock';
import type { ProfileSpec, Topology } from '../topology';
import type { EventLog, World } from '../world';
import { httpProbe, ProbeResult } from './httpProbe';
import {
  answerKey,
  profileMonitorStatus,
  routablePool,
  steadyShares,
} from './routing';
import type {
  DnsSwitch,
  EndpointMonitorStatus,
  TmEndpoint,
  TmProfile,
} from './types';
import { profileFqdn, profileId } from './types';

/** Resolves a region to the loopback port of its application (undefined: not reachable). */
export type AppPortLookup = (region: string) => number | undefined;

/**
 * Traffic Manager's behaviour: one probe loop per enabled endpoint honouring the profile's
 * interval, timeout and tolerated failures; endpoint and profile monitor status; and the
 * record of every change of DNS answer (the failover ground truth).
 */
export class TrafficManager {
  private profiles: TmProfile[] = [];
  readonly switches: DnsSwitch[] = [];
  private readonly lastAnswer = new Map<TmProfile, string | undefined>();
  private readonly loops = new Map<
    TmEndpoint,
    { handle?: TimerHandle; generation: number }
  >();
  private generation = 0;
  /** Where users really are (the synthetic clients' caches), when the world has them. */
  private clientShares?: (
    profile: TmProfile,
  ) => Map<string, number> | undefined;

  constructor(
    private readonly topology: Topology,
    private readonly world: World,
    private readonly clock: WorldClock,
    private readonly log: EventLog,
    private readonly appPort: AppPortLookup,
    readonly random: SeededRandom,
    private readonly probe: typeof httpProbe = httpProbe,
  ) {}

  start() {
    this.profiles = this.topology.profiles.map(p => this.fromSpec(p));
    this.profiles.forEach(p => {
      this.lastAnswer.set(p, answerKey(p));
      this.reconcile(p, 'start');
    });
  }

  reset() {
    this.stop();
    this.switches.length = 0;
    this.lastAnswer.clear();
    this.start();
  }

  stop() {
    for (const loop of this.loops.values()) this.clock.clear(loop.handle);
    this.loops.clear();
    this.generation++;
  }

  list(subscriptionId: string, resourceGroup?: string): TmProfile[] {
    return this.profiles.filter(
      p =>
        p.subscriptionId.toLowerCase() === subscriptionId.toLowerCase() &&
        (!resourceGroup ||
          p.resourceGroup.toLowerCase() === resourceGroup.toLowerCase()),
    );
  }

  find(
    subscriptionId: string,
    resourceGroup: string,
    name: string,
  ): TmProfile | undefined {
    return this.list(subscriptionId, resourceGroup).find(
      p => p.name.toLowerCase() === name.toLowerCase(),
    );
  }

  get subscriptionId(): string {
    return this.topology.subscriptionId;
  }

  all(): TmProfile[] {
    return this.profiles;
  }

  byFqdn(fqdn: string): TmProfile | undefined {
    const name = fqdn.toLowerCase().replace(/\.$/, '');
    return this.profiles.find(p => profileFqdn(p) === name);
  }

  /** Which region an endpoint reaches: by target host, then location, then name. */
  resolveRegion(
    e: Pick<TmEndpoint, 'target' | 'endpointLocation' | 'name'>,
  ): string | undefined {
    const regions = this.topology.regions;
    return (
      regions.find(r => e.target && r.app.target === e.target.toLowerCase())
        ?.name ??
      regions.find(
        r =>
          e.endpointLocation &&
          r.location.toLowerCase() === e.endpointLocation.toLowerCase(),
      )?.name ??
      (e.target === undefined
        ? regions.find(r => r.name === e.name)?.name
        : undefined)
    );
  }

  /**
   * Called after any configuration change (and at start): sets the statuses configuration
   * determines, restarts probe loops so a new interval applies at once, records switches.
   */
  reconcile(profile: TmProfile, reason: string) {
    for (const e of profile.endpoints) {
      this.stopLoop(e);
      e.region = this.resolveRegion(e);
      let next: EndpointMonitorStatus | undefined;
      if (profile.profileStatus !== 'Enabled') next = 'Inactive';
      else if (e.endpointStatus !== 'Enabled') next = 'Disabled';
      if (next) {
        this.setStatus(profile, e, next, reason);
        e.probe.consecutiveFailures = 0;
        continue;
      }
      if (
        e.endpointMonitorStatus === 'Disabled' ||
        e.endpointMonitorStatus === 'Inactive'
      ) {
        // Re-enabled: Azure re-checks before trusting it again.
        this.setStatus(profile, e, 'CheckingEndpoint', reason);
        e.probe.consecutiveFailures = 0;
      }
      this.startLoop(profile, e);
    }
    this.checkSwitch(profile, reason);
  }

  /** Removes an endpoint's loop before the endpoint itself goes. */
  forget(profile: TmProfile, e: TmEndpoint, reason: string) {
    this.stopLoop(e);
    profile.endpoints = profile.endpoints.filter(x => x !== e);
    this.checkSwitch(profile, reason);
  }

  /** Traffic shares come from the users' own DNS caches from now on. */
  useClientShares(
    shares: (profile: TmProfile) => Map<string, number> | undefined,
  ) {
    this.clientShares = shares;
  }

  /**
   * Share of the profile's users each endpoint serves at `now`: what the synthetic clients'
   * caches hold, or else the same drain as a formula (DNS caches follow a switch over one
   * TTL, their expiries spread evenly over it).
   */
  trafficShares(profile: TmProfile, now: number): Map<string, number> {
    const fromClients = this.clientShares?.(profile);
    if (fromClients) return fromClients;
    const steady = steadyShares(profile);
    const last = [...this.switches]
      .reverse()
      .find(s => s.profile === profile.name);
    const ttlMs = profile.dnsConfig.ttl * 1000;
    if (
      !last ||
      profile.trafficRoutingMethod === 'Weighted' ||
      ttlMs === 0 ||
      now - last.at >= ttlMs ||
      !last.from
    ) {
      return steady;
    }
    // Resolvers that cached the old answer keep sending users there until their TTL expires.
    const moved = Math.max(0, Math.min(1, (now - last.at) / ttlMs));
    const shares = new Map<string, number>();
    for (const [name, share] of steady) shares.set(name, share * moved);
    shares.set(last.from, (shares.get(last.from) ?? 0) + (1 - moved));
    return shares;
  }

  private fromSpec(spec: ProfileSpec): TmProfile {
    return {
      subscriptionId: this.topology.subscriptionId,
      resourceGroup: spec.resourceGroup,
      name: spec.name,
      environment: spec.environment,
      location: 'global',
      tags: { environment: spec.environment },
      profileStatus: 'Enabled',
      trafficRoutingMethod: spec.routingMethod,
      dnsConfig: { relativeName: spec.relativeName, ttl: spec.ttl },
      monitorConfig: { ...spec.monitor },
      trafficViewEnrollmentStatus: 'Disabled',
      clientRps: spec.clientRps,
      endpoints: spec.endpoints.map(e => ({
        name: e.name,
        kind: 'externalEndpoints',
        target: e.target,
        endpointStatus: 'Enabled',
        endpointMonitorStatus: 'CheckingEndpoint',
        priority: e.priority,
        weight: e.weight,
        endpointLocation: e.endpointLocation,
        region: e.region,
        probe: { consecutiveFailures: 0 },
      })),
    };
  }

  private startLoop(profile: TmProfile, e: TmEndpoint) {
    const loop = {
      generation: ++this.generation,
      handle: undefined as TimerHandle | undefined,
    };
    this.loops.set(e, loop);
    const run = () => void this.probeOnce(profile, e, loop.generation);
    // First probe right away (a new or re-enabled endpoint is checked at once), then every interval.
    this.clock.setTimeout(run, 0);
    loop.handle = this.clock.setInterval(
      run,
      profile.monitorConfig.intervalInSeconds * 1000,
    );
  }

  private stopLoop(e: TmEndpoint) {
    const loop = this.loops.get(e);
    if (!loop) return;
    this.clock.clear(loop.handle);
    loop.generation = -1;
    this.loops.delete(e);
  }

  private async probeOnce(
    profile: TmProfile,
    e: TmEndpoint,
    generation: number,
  ) {
    const started = this.clock.now();
    const monitor = profile.monitorConfig;
    const stopped = e.region !== undefined && this.isAppStopped(e.region);
    let result: ProbeResult;
    if (stopped) {
      result = { ok: false, detail: 'app stopped' };
    } else {
      const port = e.region === undefined ? undefined : this.appPort(e.region);
      result =
        port === undefined
          ? {
              ok: false,
              detail: `target ${
                e.target ?? e.name
              } does not resolve to a sandbox region`,
            }
          : await this.probe(
              port,
              monitor,
              this.clock.toRealMs(monitor.timeoutInSeconds * 1000),
            );
    }
    // A loop restarted by a configuration change while this probe was in flight is stale.
    if (this.loops.get(e)?.generation !== generation) return;
    e.probe.lastProbeAt = started;
    e.probe.lastResult = result.detail;
    if (stopped) {
      this.setStatus(
        profile,
        e,
        'Stopped',
        'the region app is stopped (all serving deployments at 0 replicas)',
      );
    } else if (result.ok) {
      e.probe.consecutiveFailures = 0;
      // Failback: one successful probe brings a degraded endpoint back.
      this.setStatus(profile, e, 'Online', `probe ok (${result.detail})`);
    } else {
      e.probe.consecutiveFailures++;
      if (e.probe.consecutiveFailures > monitor.toleratedNumberOfFailures) {
        this.setStatus(
          profile,
          e,
          'Degraded',
          `${e.probe.consecutiveFailures} consecutive probe failures (${result.detail})`,
        );
      } else {
        this.log.add(
          'tm.probe-failed',
          `${profile.name}/${e.name} probe failed (${result.detail})`,
          {
            profile: profile.name,
            endpoint: e.name,
            consecutiveFailures: e.probe.consecutiveFailures,
            tolerated: monitor.toleratedNumberOfFailures,
          },
        );
      }
    }
    this.checkSwitch(profile, `probe of ${e.name}: ${result.detail}`);
  }

  /** Azure's "Stopped": the app behind the endpoint is deliberately stopped, not failing. */
  private isAppStopped(region: string): boolean {
    const serving = this.world.servingWorkloads(region);
    return serving.length > 0 && serving.every(w => w.replicas === 0);
  }

  private setStatus(
    profile: TmProfile,
    e: TmEndpoint,
    status: EndpointMonitorStatus,
    reason: string,
  ) {
    if (e.endpointMonitorStatus === status) return;
    const before = profileMonitorStatus(profile);
    const from = e.endpointMonitorStatus;
    e.endpointMonitorStatus = status;
    this.log.add(
      'tm.endpoint-status',
      `${profile.name}/${e.name}: ${from} → ${status} (${reason})`,
      {
        profile: profile.name,
        endpoint: e.name,
        from,
        to: status,
        reason,
      },
    );
    const after = profileMonitorStatus(profile);
    if (after !== before) {
      this.log.add(
        'tm.profile-status',
        `${profile.name}: ${before} → ${after}`,
        { profile: profile.name, from: before, to: after },
      );
    }
  }

  private checkSwitch(profile: TmProfile, reason: string) {
    const key = answerKey(profile);
    if (this.lastAnswer.get(profile) === key) return;
    const previous = this.lastAnswer.get(profile);
    this.lastAnswer.set(profile, key);
    const now = this.clock.now();
    const target = (name?: string) =>
      profile.endpoints.find(e => e.name === name)?.target;
    const entry: DnsSwitch = {
      profile: profile.name,
      fqdn: profileFqdn(profile),
      from: previous,
      to: key,
      fromTarget: target(previous),
      toTarget: target(key),
      worldTime: new Date(now).toISOString(),
      wallTime: new Date().toISOString(),
      at: now,
      reason,
    };
    this.switches.push(entry);
    this.log.add(
      'dns.switch',
      `${entry.fqdn}: ${previous ?? '(none)'} → ${key ?? '(none)'} (${reason})`,
      {
        profile: profile.name,
        from: previous,
        to: key,
        pool: routablePool(profile).map(x => x.name),
      },
    );
  }

  /** The id ARM uses for a profile. */
  static id(profile: TmProfile): string {
    return profileId(profile);
  }
}
