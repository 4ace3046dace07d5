import {
  ChangeDelivery,
  ChangeRequest,
  DeliverySourceKind,
  DeliverySummary,
  Observed,
  SourceDelivery,
  TargetDelivery,
  TargetRevision,
} from '@internal/plugin-nt-infra-common';
import { UpstreamCache } from '../UpstreamCache';
import { actionsCurrent, actionsDelivery } from './actionsDelivery';
import { ArgoApp, ArgoCdClient } from './ArgoCdClient';
import { argoCurrent, argoDelivery, findApp } from './argoDelivery';
import { combineDelivery } from './combineDelivery';
import { GitHubActionsClient, RunView } from './GitHubActionsClient';
import { RevisionGraph } from './RevisionGraph';

export interface DeliveryTarget {
  environment: string;
  region: string;
  trafficManagerProfile?: string;
}

const NAMES: Record<DeliverySourceKind, string> = {
  argocd: 'Argo CD',
  'github-actions': 'GitHub Actions',
};

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A source that could not be read: `unknown`, saying since when, never its old value as fresh. */
function unreadable(
  source: DeliverySourceKind,
  observed: Observed<unknown>,
): SourceDelivery {
  return {
    source,
    state: 'unknown',
    reason:
      observed.status === 'stale'
        ? `${NAMES[source]} could not be read (${observed.error}); last answer at ${observed.observedAt}`
        : `${NAMES[source]} could not be read: ${observed.error}`,
    observedAt: observed.observedAt,
  };
}

async function guarded(
  source: DeliverySourceKind,
  observedAt: string | undefined,
  fn: () => Promise<SourceDelivery>,
): Promise<SourceDelivery> {
  try {
    return { ...(await fn()), observedAt };
  } catch (error) {
    return { source, state: 'unknown', reason: message(error), observedAt };
  }
}

/**
 * Where merged changes stand on each target (environment × region), from
 * Argo CD and/or the IaC workflow on GitHub Actions, whichever are
 * configured. Upstream reads go through the cache, so many viewers cost one
 * read per refresh interval.
 */
export class DeliveryService {
  constructor(
    private readonly deps: {
      targets: () => DeliveryTarget[];
      graph: RevisionGraph;
      cache: UpstreamCache;
      argocd?: ArgoCdClient;
      actions?: GitHubActionsClient;
      /** Where GitHub pull requests' merge commits are read (GitOps provider `github`). */
      pullRequests?: Pick<GitHubActionsClient, 'mergeCommitOf'>;
      now?: () => Date;
    },
  ) {}

  private get environments(): string[] {
    return [...new Set(this.deps.targets().map(t => t.environment))];
  }

  private readApps(): Promise<Observed<ArgoApp[]>> | undefined {
    const { argocd, cache } = this.deps;
    return (
      argocd &&
      cache.read('delivery:argocd:apps', () => argocd.listApplications())
    );
  }

  private readRuns(): Promise<Observed<RunView[]>> | undefined {
    const { actions, cache } = this.deps;
    return (
      actions &&
      cache.read('delivery:actions:runs', () =>
        actions.recentRuns(this.environments),
      )
    );
  }

  private async mergedSha(cr: ChangeRequest): Promise<string | undefined> {
    if (cr.mergedSha) return cr.mergedSha;
    const { pullRequests, cache } = this.deps;
    if (!pullRequests || cr.pullRequestNumber === undefined) return undefined;
    const pr = cr.pullRequestNumber;
    const observed = await cache.read(`delivery:pull:${pr}`, () =>
      pullRequests.mergeCommitOf(pr),
    );
    if (observed.status === 'unavailable') {
      throw new Error(
        `the merge commit of #${pr} is unknown: ${observed.error}`,
      );
    }
    return observed.value;
  }

  async forChange(cr: ChangeRequest): Promise<ChangeDelivery> {
    const computedAt = (this.deps.now?.() ?? new Date()).toISOString();
    const base = { changeRequestId: cr.id, computedAt };
    if (cr.state !== 'merged') return { ...base, targets: [] };
    const mergedAt = [...cr.transitions]
      .reverse()
      .find(t => t.to === 'merged')?.at;
    let mergedSha: string | undefined;
    try {
      mergedSha = await this.mergedSha(cr);
    } catch (error) {
      return {
        ...base,
        mergedAt,
        targets: this.deps.targets().map(t => ({
          environment: t.environment,
          region: t.region,
          state: 'unknown',
          reason: message(error),
          sources: [],
        })),
      };
    }
    if (!mergedSha) return { ...base, mergedAt, targets: [] };
    const sha = mergedSha;
    const [apps, runs] = await Promise.all([this.readApps(), this.readRuns()]);
    const { graph, argocd, actions } = this.deps;
    const targets = await Promise.all(
      this.deps.targets().map(async (target): Promise<TargetDelivery> => {
        const t = { environment: target.environment, region: target.region };
        const sources: SourceDelivery[] = [];
        if (argocd && apps) {
          sources.push(
            await this.argoSource(apps, t, app =>
              argoDelivery(app, argocd.appUrl(app.name), sha, graph),
            ),
          );
        }
        if (actions && runs) {
          sources.push(
            runs.status !== 'ok'
              ? unreadable('github-actions', runs)
              : await guarded('github-actions', runs.observedAt, () =>
                  actionsDelivery(
                    runs.value!,
                    t.environment,
                    sha,
                    graph,
                    actions.actionsUrl,
                  ),
                ),
          );
        }
        return { ...t, ...combineDelivery(sources), sources };
      }),
    );
    return { ...base, mergedSha: sha, mergedAt, targets };
  }

  private async argoSource(
    apps: Observed<ArgoApp[]>,
    t: DeliveryTarget,
    derive: (app: ArgoApp) => Promise<SourceDelivery>,
  ): Promise<SourceDelivery> {
    if (apps.status !== 'ok') return unreadable('argocd', apps);
    const app = findApp(apps.value!, t.environment, t.region);
    if (!app) {
      return {
        source: 'argocd',
        state: 'unknown',
        reason: `no Argo CD application for ${t.environment}/${t.region}`,
        observedAt: apps.observedAt,
      };
    }
    return guarded('argocd', apps.observedAt, () => derive(app));
  }

  /** What each target runs, against the head of the base branch. */
  async summary(environment?: string): Promise<DeliverySummary> {
    const computedAt = (this.deps.now?.() ?? new Date()).toISOString();
    const { graph, argocd, actions, cache } = this.deps;
    const targets = this.deps
      .targets()
      .filter(t => !environment || t.environment === environment)
      .map(({ environment: e, region, trafficManagerProfile }) => ({
        environment: e,
        region,
        trafficManagerProfile,
      }));
    const head = await cache.read('delivery:head', () => graph.head());
    if (head.status !== 'ok') {
      const reason = `the base branch could not be read: ${head.error}`;
      return {
        fullyDelivered: false,
        computedAt,
        targets: targets.map(t => ({
          ...t,
          state: 'unknown',
          reason,
          sources: [],
        })),
      };
    }
    const mainSha = head.value!;
    const [apps, runs] = await Promise.all([this.readApps(), this.readRuns()]);
    const rows = await Promise.all(
      targets.map(async (t): Promise<TargetRevision> => {
        const current: boolean[] = [];
        const sources: SourceDelivery[] = [];
        if (argocd && apps) {
          sources.push(
            await this.argoSource(apps, t, async app => {
              const r = await argoCurrent(
                app,
                argocd.appUrl(app.name),
                mainSha,
                graph,
              );
              current.push(r.current);
              return r.source;
            }),
          );
        }
        if (actions && runs) {
          sources.push(
            runs.status !== 'ok'
              ? unreadable('github-actions', runs)
              : await guarded('github-actions', runs.observedAt, async () => {
                  const r = await actionsCurrent(
                    runs.value!,
                    t.environment,
                    mainSha,
                    graph,
                    actions.actionsUrl,
                  );
                  current.push(r.current);
                  return r.source;
                }),
          );
        }
        const unknown = sources.find(s => s.state === 'unknown');
        let state: TargetRevision['state'] = 'behind';
        if (sources.length === 0 || unknown) state = 'unknown';
        else if (current.length === sources.length && current.every(Boolean))
          state = 'current';
        return {
          ...t,
          state,
          reason:
            unknown?.reason ??
            (sources.length === 0
              ? 'no delivery source is configured'
              : undefined),
          mainSha,
          sources,
        };
      }),
    );
    return {
      mainSha,
      fullyDelivered: rows.length > 0 && rows.every(r => r.state === 'current'),
      computedAt,
      targets: rows,
    };
  }
}
