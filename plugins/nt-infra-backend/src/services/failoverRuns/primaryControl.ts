import {
  ChaosResource,
  ClusterProvider,
} from '../../providers/clusters/ClusterProvider';
import { TrafficProvider } from '../../providers/traffic/TrafficProvider';
import { ConflictError } from '@backstage/errors';
import {
  cutPrimary,
  FailoverTarget,
  FailoverTiming,
  failoverTimingOf,
} from '../failover';
import { endpointOrThrow } from '../failover/cutPrimary';
import { FailoverRunParams } from './failoverRunTypes';

/** Kubernetes names are DNS labels: ≤ 63 characters. */
export function faultName(runId: string): string {
  return `nt-${runId.replace(/[^a-z0-9]/g, '').slice(0, 8)}-failover-primary`;
}

/**
 * The `unhealthy` cut: every pod of the primary's serving workload fails its
 * readiness, so the region's app answers 503 and Traffic Manager's own
 * probes fail it over, as in a real regional outage. The duration is a
 * safety net only: should the portal die for good, Chaos Mesh ends the
 * fault by itself; the run deletes it long before.
 */
export function primaryFaultResource(
  fault: NonNullable<FailoverRunParams['fault']>,
): ChaosResource {
  return {
    apiVersion: 'chaos-mesh.org/v1alpha1',
    kind: 'PodChaos',
    metadata: {
      name: fault.name,
      namespace: fault.namespace,
      annotations: {
        'nt-infra.io/title': `Failover test: ${fault.workload} unavailable`,
        'nt-infra.io/description':
          'Makes every pod of the primary region’s serving workload unavailable so Traffic Manager fails over.',
      },
    },
    spec: {
      action: 'pod-failure',
      mode: 'all',
      duration: `${fault.durationSeconds}s`,
      selector: {
        namespaces: [fault.namespace],
        labelSelectors: { 'app.kubernetes.io/name': fault.workload },
      },
    },
  };
}

/** Creates the fault unless it exists already (a retry after a crash). */
export async function applyPrimaryFault(
  clusters: ClusterProvider,
  fault: NonNullable<FailoverRunParams['fault']>,
  runId: string,
): Promise<void> {
  const existing = await clusters.getChaos(
    fault.cluster,
    fault.kind,
    fault.namespace,
    fault.name,
  );
  if (!existing) {
    await clusters.createChaos(
      fault.cluster,
      primaryFaultResource(fault),
      runId,
    );
  }
}

/** Deletes the fault and confirms it is gone; throws (retry next tick) otherwise. */
export async function removePrimaryFault(
  clusters: ClusterProvider,
  fault: NonNullable<FailoverRunParams['fault']>,
): Promise<void> {
  await clusters.deleteChaos(
    fault.cluster,
    fault.kind,
    fault.namespace,
    fault.name,
  );
  const left = await clusters.getChaos(
    fault.cluster,
    fault.kind,
    fault.namespace,
    fault.name,
  );
  if (left) {
    throw new Error(
      `${fault.kind} ${fault.namespace}/${fault.name} still exists in ${fault.cluster}`,
    );
  }
}

/**
 * Re-enables the primary's endpoint regardless of its health: what a halt
 * or an abort needs, where leaving the region out is the greater risk.
 * Returns whether it had to change anything.
 */
export async function ensurePrimaryEnabled(
  traffic: TrafficProvider,
  target: FailoverTarget,
): Promise<boolean> {
  const profile = await traffic.getProfile(target.profile);
  const primary = endpointOrThrow(profile, target.primary.endpoint);
  if (primary.endpointStatus === 'Enabled') return false;
  await traffic.setEndpointStatus(target.profile, primary.name, 'Enabled');
  return true;
}

/**
 * Takes the primary out by the test's method and returns the profile's
 * timing at the cut. Safe to call again after a crash. ConflictError when
 * the secondary could not take the users (nothing was changed then).
 */
export async function applyCut(
  deps: { traffic: TrafficProvider; clusters: ClusterProvider },
  runId: string,
  params: FailoverRunParams,
): Promise<FailoverTiming> {
  const { traffic, clusters } = deps;
  if (params.method === 'disable-endpoint') {
    const { timing } = await cutPrimary({
      traffic,
      target: params.target,
      cut: { method: 'disable-endpoint' },
    });
    return timing;
  }
  // The fault does not ask Traffic Manager, so check what cutPrimary would.
  const profile = await traffic.getProfile(params.target.profile);
  const secondary = endpointOrThrow(profile, params.target.secondary.endpoint);
  const existing = await clusters.getChaos(
    params.fault!.cluster,
    params.fault!.kind,
    params.fault!.namespace,
    params.fault!.name,
  );
  if (
    !existing &&
    (secondary.endpointStatus !== 'Enabled' ||
      secondary.endpointMonitorStatus !== 'Online')
  ) {
    throw new ConflictError(
      `the secondary '${secondary.name}' is not Enabled and Online, so users would have nowhere healthy to go`,
    );
  }
  await applyPrimaryFault(clusters, params.fault!, runId);
  return failoverTimingOf(profile);
}
