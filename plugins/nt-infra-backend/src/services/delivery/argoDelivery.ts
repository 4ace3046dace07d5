import { SourceDelivery } from '@internal/plugin-nt-infra-common';
import { ArgoApp } from './ArgoCdClient';
import { RevisionGraph } from './RevisionGraph';

/** The Argo CD application of a target: by its labels, else by its name ending in `-<env>-<region>`. */
export function findApp(
  apps: ArgoApp[],
  environment: string,
  region: string,
): ArgoApp | undefined {
  return (
    apps.find(
      a =>
        a.labels['nt-infra.io/environment'] === environment &&
        a.labels['nt-infra.io/region'] === region,
    ) ?? apps.find(a => a.name.endsWith(`-${environment}-${region}`))
  );
}

/** The revision the live state was last synced to. */
export function deployedRevision(app: ArgoApp): string | undefined {
  return app.syncStatus === 'Synced'
    ? app.syncRevision ?? app.lastDeployed?.revision
    : app.lastDeployed?.revision;
}

const RUNNING = ['Running', 'Terminating'];
const FAILED = ['Failed', 'Error'];

function base(app: ArgoApp, url: string): SourceDelivery {
  return {
    source: 'argocd',
    state: 'unknown',
    revision: deployedRevision(app),
    syncStatus: app.syncStatus,
    healthStatus: app.healthStatus,
    startedAt: app.operation?.startedAt,
    deliveredAt: app.lastDeployed?.deployedAt,
    url,
  };
}

/**
 * A merged commit on one Argo CD application. `applied` needs the synced
 * revision to contain the commit (git ancestry) and the app to be Healthy.
 */
export async function argoDelivery(
  app: ArgoApp,
  url: string,
  mergedSha: string,
  graph: RevisionGraph,
): Promise<SourceDelivery> {
  const view = base(app, url);
  const deployed = view.revision;
  const op = app.operation;
  if (deployed && (await graph.contains(mergedSha, deployed))) {
    if (app.healthStatus === 'Healthy') return { ...view, state: 'applied' };
    if (app.healthStatus === 'Degraded' || app.healthStatus === 'Missing') {
      return {
        ...view,
        state: 'failed',
        reason: `synced but ${app.healthStatus}${
          app.healthMessage ? `: ${app.healthMessage}` : ''
        }`,
      };
    }
    return {
      ...view,
      state: 'applying',
      reason: `synced, waiting for the workloads (${app.healthStatus})`,
    };
  }
  if (op?.revision && (await graph.contains(mergedSha, op.revision))) {
    if (RUNNING.includes(op.phase)) {
      return {
        ...view,
        revision: op.revision,
        state: 'applying',
        reason: 'Argo CD is syncing it',
      };
    }
    if (FAILED.includes(op.phase)) {
      return {
        ...view,
        revision: op.revision,
        state: 'failed',
        reason: `sync ${op.phase.toLowerCase()}${
          op.message ? `: ${op.message}` : ''
        }`,
      };
    }
  }
  if (app.syncStatus === 'Unknown') {
    return {
      ...view,
      state: 'unknown',
      reason: `Argo CD cannot compare ${app.name}${
        app.conditions.length ? `: ${app.conditions.join('; ')}` : ''
      }`,
    };
  }
  if (app.automated) {
    return {
      ...view,
      state: 'pending',
      reason: "waiting for Argo CD's automated sync",
    };
  }
  return {
    ...view,
    state: 'awaiting-approval',
    reason: `${app.name} syncs only when someone requests it (manual sync in a sync window)`,
  };
}

/** Whether an application runs `mainSha`, for the entity card. */
export async function argoCurrent(
  app: ArgoApp,
  url: string,
  mainSha: string,
  graph: RevisionGraph,
): Promise<{ current: boolean; source: SourceDelivery }> {
  const view = base(app, url);
  const deployed = view.revision;
  const atMain =
    deployed !== undefined && (await graph.contains(mainSha, deployed));
  const current = atMain && app.healthStatus === 'Healthy';
  let state: SourceDelivery['state'];
  if (app.syncStatus === 'Unknown') state = 'unknown';
  else if (app.healthStatus === 'Degraded') state = 'failed';
  else if (current) state = 'applied';
  else if (atMain || (app.operation && RUNNING.includes(app.operation.phase)))
    state = 'applying';
  else if (app.automated) state = 'pending';
  else state = 'awaiting-approval';
  return { current, source: { ...view, state } };
}
