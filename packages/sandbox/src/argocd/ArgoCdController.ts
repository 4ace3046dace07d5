import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { TimerHandle, WorldClock } from '../clock';
import type { Topology } from '../topology';
import type { EventLog, World } from '../world';
import { renderScale } from './renderScale';
import {
  argoApplication,
  ArgoApplication,
  ArgoApplicationInput,
  ArgoHealthStatus,
} from './payloads';

export type ArgoTimings = {
  /** World seconds between two reads of the GitOps remote (Argo CD polls its repositories). */
  refreshSeconds: number;
  /** World seconds a sync operation runs before it succeeds. */
  syncSeconds: number;
  /** World seconds the workloads stay Progressing after a sync. */
  settleSeconds: number;
};

export const DEFAULT_ARGO_TIMINGS: ArgoTimings = {
  refreshSeconds: 3,
  syncSeconds: 5,
  settleSeconds: 2,
};

type App = {
  name: string;
  environment: string;
  region: string;
  cluster: string;
  automated: boolean;
  /** The commit the live state was last synced to. */
  deployed?: string;
  /** The base branch's head at the last refresh. */
  target?: string;
  health: ArgoHealthStatus;
  operation?: ArgoApplicationInput['operationState'];
  history: NonNullable<ArgoApplicationInput['history']>;
  reconciledAt?: string;
  comparisonError?: string;
  timers: TimerHandle[];
};

export class ArgoSyncError extends Error {
  constructor(
    readonly kind: 'notFound' | 'failedPrecondition',
    message: string,
  ) {
    super(message);
  }
}

/** `git rev-parse` in the bare remote; undefined while it does not exist. */
function readHead(remote: string, branch: string): Promise<string | undefined> {
  if (!fs.existsSync(path.join(remote, 'HEAD')))
    return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      ['rev-parse', '--verify', '--quiet', `refs/heads/${branch}^{commit}`],
      {
        cwd: remote,
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C' },
      },
      (error, stdout) => {
        // Exit 1 with --quiet: the branch does not exist (yet).
        if (error && (error as { code?: number }).code === 1)
          resolve(undefined);
        else if (error) reject(error);
        else resolve(String(stdout).trim());
      },
    );
  });
}

/** A file of `revision` in the bare remote; undefined when the revision does not have it. */
function readAt(
  remote: string,
  revision: string,
  file: string,
): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      ['show', `${revision}:${file}`],
      {
        cwd: remote,
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C' },
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        if (!error) resolve(String(stdout));
        else if (
          /does not exist|exists on disk, but not in/.test(String(stderr))
        )
          resolve(undefined);
        else reject(new Error(String(stderr).trim() || error.message));
      },
    );
  });
}

/**
 * The Argo CD application controller of the sandbox world: one Application per
 * environment × region of the topology's Traffic Manager profiles, sourced from
 * the GitOps bare remote the portal's local provider pushes to. It polls the base
 * branch in world time: automated (non-production) apps sync to every new head and
 * turn Healthy; production apps stay OutOfSync until a sync is requested. The world
 * already runs the head it first sees. Any new commit counts as a change for every
 * app (the sandbox does not render manifests to compare them). A sync applies what
 * the world models of the app's overlay (Deployment replicas, autoscaler bounds) to
 * the app's cluster; an overlay that cannot be read fails the sync, as Argo CD's would.
 */
export class ArgoCdController {
  private readonly apps = new Map<string, App>();
  private poller?: TimerHandle;
  private refreshing = false;
  private revision = 1;

  constructor(
    topology: Topology,
    private readonly clock: WorldClock,
    private readonly log: EventLog,
    private readonly remote: string | undefined,
    private readonly timings: ArgoTimings = DEFAULT_ARGO_TIMINGS,
    private readonly world?: Pick<World, 'applyScale'>,
    private readonly branch = 'main',
  ) {
    for (const profile of topology.profiles) {
      for (const endpoint of profile.endpoints) {
        const region = topology.regions.find(r => r.name === endpoint.region);
        const cluster = region?.clusters[0]?.name;
        if (!cluster) continue;
        const name = `ntai-${profile.environment}-${endpoint.name}`;
        this.apps.set(name, {
          name,
          environment: profile.environment,
          region: endpoint.name,
          cluster,
          automated: profile.environment !== 'production',
          health: 'Healthy',
          history: [],
          timers: [],
        });
      }
    }
  }

  /** The repository URL the applications name: the bare remote's path. */
  get repoURL(): string {
    return this.remote ? `file://${this.remote}` : 'file:///nonexistent';
  }

  start() {
    this.poller = this.clock.setInterval(
      () => void this.refresh(),
      this.timings.refreshSeconds * 1000,
    );
    void this.refresh();
  }

  stop() {
    this.clock.clear(this.poller);
    for (const app of this.apps.values())
      app.timers.forEach(t => this.clock.clear(t));
  }

  /** Reads the base branch head and moves every app accordingly. */
  async refresh(): Promise<void> {
    if (this.refreshing) return;
    this.refreshing = true;
    try {
      let head: string | undefined;
      let error: string | undefined;
      try {
        head = this.remote
          ? await readHead(this.remote, this.branch)
          : undefined;
        if (!head)
          error = `repository ${this.repoURL} has no branch ${this.branch} yet`;
      } catch (e) {
        error = `cannot read ${this.repoURL}: ${(e as Error).message}`;
      }
      const at = new Date(this.clock.now()).toISOString();
      for (const app of this.apps.values()) {
        app.reconciledAt = at;
        app.comparisonError = error;
        if (!head) continue;
        if (!app.deployed) {
          // The world was running this commit before anyone watched it.
          app.deployed = head;
          app.history.push({
            id: 0,
            revision: head,
            deployStartedAt: at,
            deployedAt: at,
          });
        }
        if (app.target !== head) {
          app.target = head;
          this.bump();
        }
        // Automated sync does not retry a revision that failed (Argo CD's default, no retry).
        const failedHere =
          app.operation?.phase === 'Failed' && app.operation.revision === head;
        if (
          app.automated &&
          app.deployed !== head &&
          app.operation?.phase !== 'Running' &&
          !failedHere
        ) {
          this.startSync(app, head, { automated: true });
        }
      }
    } finally {
      this.refreshing = false;
    }
  }

  /** `POST /api/v1/applications/{name}/sync`: syncs to the given revision or the branch head. */
  requestSync(name: string, username: string, revision?: string) {
    const app = this.apps.get(name);
    if (!app) {
      throw new ArgoSyncError(
        'notFound',
        `applications.argoproj.io "${name}" not found`,
      );
    }
    if (app.operation?.phase === 'Running') {
      throw new ArgoSyncError(
        'failedPrecondition',
        'another operation is already in progress',
      );
    }
    const to =
      revision && revision !== this.branch && revision !== 'HEAD'
        ? revision
        : app.target;
    if (!to) {
      throw new ArgoSyncError(
        'failedPrecondition',
        app.comparisonError ?? `no revision of ${this.branch} known yet`,
      );
    }
    this.startSync(app, to, { username });
    return this.view(app);
  }

  private startSync(
    app: App,
    revision: string,
    initiatedBy: { automated?: boolean; username?: string },
  ) {
    const startedAt = new Date(this.clock.now()).toISOString();
    // A pending "turn Healthy" of an earlier sync must not fire mid-sync.
    app.timers.forEach(t => this.clock.clear(t));
    app.timers = [];
    app.operation = {
      phase: 'Running',
      message: 'waiting for completion of hook and sync',
      revision,
      startedAt,
      initiatedBy,
    };
    app.health = 'Progressing';
    this.bump();
    this.log.add(
      'argocd.sync.started',
      `${app.name}: sync to ${revision.slice(0, 12)} started`,
      { app: app.name, revision, initiatedBy },
    );
    app.timers.push(
      this.clock.setTimeout(
        () => void this.finishSync(app, revision, startedAt),
        this.timings.syncSeconds * 1000,
      ),
    );
  }

  /** Applies the app's overlay at `revision` to the world; the message when it cannot. */
  private async apply(app: App, revision: string): Promise<string | undefined> {
    if (!this.world || !this.remote) return undefined;
    const remote = this.remote;
    try {
      const targets = await renderScale(
        file => readAt(remote, revision, file),
        `kubernetes/overlays/${app.environment}`,
      );
      const changed = this.world.applyScale(
        app.cluster,
        targets,
        `argocd:${app.name}`,
      );
      if (changed.length) {
        this.log.add(
          'argocd.sync.applied',
          `${app.name}: ${changed
            .map(c => `${c.deployment} ${c.from} → ${c.to}`)
            .join(', ')}`,
          { app: app.name, revision, changed },
        );
      }
      return undefined;
    } catch (e) {
      return (e as Error).message;
    }
  }

  private async finishSync(app: App, revision: string, startedAt: string) {
    const failure = await this.apply(app, revision);
    // A newer sync (or a stop) replaced this one while the manifests were read.
    if (
      app.operation?.revision !== revision ||
      app.operation.phase !== 'Running'
    )
      return;
    const finishedAt = new Date(this.clock.now()).toISOString();
    if (failure) {
      app.operation = {
        ...app.operation,
        phase: 'Failed',
        message: `one or more objects failed to apply: ${failure}`,
        finishedAt,
      };
      app.health = 'Degraded';
      this.bump();
      this.log.add(
        'argocd.sync.failed',
        `${app.name}: sync to ${revision.slice(0, 12)} failed: ${failure}`,
        { app: app.name, revision, message: failure },
      );
      return;
    }
    app.operation = {
      ...app.operation,
      phase: 'Succeeded',
      message: 'successfully synced (all tasks run)',
      finishedAt,
    };
    app.deployed = revision;
    app.history.push({
      id: (app.history.at(-1)?.id ?? -1) + 1,
      revision,
      deployStartedAt: startedAt,
      deployedAt: finishedAt,
    });
    // Argo CD keeps the last 10 syncs.
    if (app.history.length > 10) app.history.shift();
    this.bump();
    this.log.add(
      'argocd.sync.succeeded',
      `${app.name}: synced to ${revision.slice(0, 12)}`,
      { app: app.name, revision },
    );
    app.timers.push(
      this.clock.setTimeout(() => {
        if (app.operation?.phase === 'Running') return;
        app.health = 'Healthy';
        this.bump();
      }, this.timings.settleSeconds * 1000),
    );
  }

  private bump() {
    this.revision++;
  }

  get resourceVersion(): string {
    return String(this.revision);
  }

  list(): ArgoApplication[] {
    return [...this.apps.values()].map(a => this.view(a));
  }

  get(name: string): ArgoApplication | undefined {
    const app = this.apps.get(name);
    return app && this.view(app);
  }

  private view(app: App): ArgoApplication {
    let status: 'Synced' | 'OutOfSync' | 'Unknown' = 'Unknown';
    if (!app.comparisonError && app.target) {
      status = app.deployed === app.target ? 'Synced' : 'OutOfSync';
    }
    return argoApplication({
      name: app.name,
      project: 'ntai',
      labels: {
        'app.kubernetes.io/part-of': 'ntai',
        'nt-infra.io/environment': app.environment,
        'nt-infra.io/region': app.region,
      },
      resourceVersion: this.resourceVersion,
      repoURL: this.repoURL,
      path: `kubernetes/overlays/${app.environment}`,
      targetRevision: this.branch,
      destination: { name: app.cluster, namespace: 'ntai' },
      automated: app.automated ? { prune: true, selfHeal: true } : undefined,
      sync: { status, revision: app.target },
      health: { status: app.health },
      operationState: app.operation,
      history: app.history,
      reconciledAt: app.reconciledAt,
      conditions: app.comparisonError
        ? [{ type: 'ComparisonError', message: app.comparisonError }]
        : undefined,
    });
  }

  /** For ground truth: each app's deployed and target revision. */
  summary() {
    return [...this.apps.values()].map(a => ({
      name: a.name,
      deployed: a.deployed,
      target: a.target,
      health: a.health,
      operation: a.operation?.phase,
    }));
  }
}
