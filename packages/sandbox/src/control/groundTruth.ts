import type { WorldClock } from '../clock';
import type { TrafficManager } from '../trafficmanager';
import {
  answerEndpoint,
  profileFqdn,
  profileMonitorStatus,
} from '../trafficmanager';
import type { World } from '../world';

/**
 * What is really true in the world right now, for tests and GameDay scoring: the serving
 * region, every DNS switch with world and wall time, and which pods are affected by what.
 */
export function groundTruth(
  world: World,
  clock: WorldClock,
  tm: TrafficManager,
  extra: Record<string, unknown> = {},
) {
  const now = clock.now();
  return {
    clock: clockState(clock),
    regions: [...world.regions.values()].map(r => ({
      name: r.spec.name,
      down: r.downSince !== undefined,
      ...(r.downSince !== undefined
        ? { downSince: new Date(r.downSince).toISOString() }
        : {}),
      serving: world.servingWorkloads(r.spec.name).map(w => ({
        deployment: w.name,
        replicas: w.replicas,
        ready: w.ready.length,
      })),
      healthy: world
        .servingWorkloads(r.spec.name)
        .every(w => w.ready.length > 0),
    })),
    trafficManager: tm.all().map(p => {
      const serving = answerEndpoint(p);
      return {
        profile: p.name,
        resourceGroup: p.resourceGroup,
        fqdn: profileFqdn(p),
        ttl: p.dnsConfig.ttl,
        profileStatus: p.profileStatus,
        profileMonitorStatus: profileMonitorStatus(p),
        servingEndpoint: serving?.name,
        servingRegion: serving?.region,
        servingTarget: serving?.target,
        trafficShares: Object.fromEntries(tm.trafficShares(p, now)),
        endpoints: p.endpoints.map(e => ({
          name: e.name,
          region: e.region,
          target: e.target,
          priority: e.priority,
          endpointStatus: e.endpointStatus,
          endpointMonitorStatus: e.endpointMonitorStatus,
          consecutiveFailures: e.probe.consecutiveFailures,
          lastProbeAt:
            e.probe.lastProbeAt === undefined
              ? undefined
              : new Date(e.probe.lastProbeAt).toISOString(),
          lastProbeResult: e.probe.lastResult,
        })),
        switches: tm.switches
          .filter(s => s.profile === p.name)
          .map(({ at: _at, ...s }) => ({
            ...s,
            // When every resolver that cached the previous answer has expired it.
            clientsConvergedBy: new Date(
              _at + p.dnsConfig.ttl * 1000,
            ).toISOString(),
          })),
      };
    }),
    affectedPods: [...world.clusters.values()].flatMap(c =>
      [...c.pods.values()]
        .filter(p => p.effects.length > 0 || !world.isPodReady(p))
        .map(p => ({
          cluster: c.spec.name,
          region: c.region,
          namespace: p.namespace,
          name: p.name,
          ready: world.isPodReady(p),
          reason: world.podReadiness(p).reason,
          effects: p.effects.map(e => ({ ...e })),
        })),
    ),
    ...extra,
  };
}

export function clockState(clock: WorldClock) {
  return {
    worldTime: new Date(clock.now()).toISOString(),
    worldTimeMs: clock.now(),
    wallTime: new Date().toISOString(),
    speed: clock.speed,
    startedAt: new Date(clock.startTime).toISOString(),
  };
}
