import { LoggerService } from '@backstage/backend-plugin-api';
import { createAppAuth } from '@octokit/auth-app';
import { Octokit } from '@octokit/rest';
import { AncestryCache, assertSha, RevisionGraph } from './RevisionGraph';
import { retryTransient } from '../../providers/retryTransient';

export interface GitHubRepoOptions {
  owner: string;
  repo: string;
  baseBranch: string;
  baseUrl?: string;
  token?: string;
  app?: { appId: number; privateKey: string; installationId: number };
  /** Only runs of this workflow file (e.g. `.github/workflows/iac-apply.yml`). */
  workflowPath?: string;
  timeoutMs: number;
  maxRetries: number;
  retryDelayMs: number;
}

/** A job of a workflow run, with the environment its name says it applies to. */
export interface JobView {
  name: string;
  environment?: string;
  status: string;
  conclusion?: string;
  startedAt?: string;
  completedAt?: string;
  url?: string;
}

/** A run of the IaC workflow on the base branch. */
export interface RunView {
  id: number;
  headSha: string;
  status: string;
  conclusion?: string;
  url: string;
  createdAt: string;
  /** Environments whose deployment waits for a review (run status `waiting`). */
  waitingFor: string[];
  jobs: JobView[];
}

/** Runs whose jobs are read per refresh, at most. */
const MAX_JOB_READS = 8;

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown })?.status;
  return typeof status === 'number' ? status : undefined;
}

function describe(error: unknown): string {
  const e = error as {
    status?: number;
    message?: string;
    name?: string;
    response?: { data?: { message?: string } };
  };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') {
    return 'no answer in time';
  }
  const message = e?.response?.data?.message ?? e?.message ?? String(error);
  return e?.status ? `${e.status}: ${message}` : message;
}

/** Which configured environment a job applies to: its name mentions it as a word. */
export function environmentOfJob(
  jobName: string,
  environments: string[],
): string | undefined {
  const words = jobName.toLowerCase().split(/[^a-z0-9]+/);
  return environments.find(e => words.includes(e.toLowerCase()));
}

/**
 * GitHub's REST API for delivery: the IaC workflow's runs on the base branch
 * (with their jobs and the deployments waiting for review), a pull request's
 * merge commit, and the branch's history through the compare API. Every call
 * has a deadline and bounded retries of 5xx, 429 and lost connections.
 */
export class GitHubActionsClient implements RevisionGraph {
  private readonly cache = new AncestryCache();

  private constructor(
    private readonly octokit: Octokit,
    private readonly options: GitHubRepoOptions,
    private readonly logger: LoggerService,
  ) {}

  static create(options: GitHubRepoOptions, logger: LoggerService) {
    if (!options.token && !options.app) {
      throw new Error('ntInfra.gitops.github needs a token or app');
    }
    // Failures are reported (and retried) by `call`; Octokit's own request log would repeat them.
    const log = {
      debug: () => {},
      info: () => {},
      warn: (m: string) => logger.warn(m),
      error: (m: string) => logger.debug(m),
    };
    const octokit = options.app
      ? new Octokit({
          baseUrl: options.baseUrl,
          authStrategy: createAppAuth,
          auth: options.app,
          log,
        })
      : new Octokit({ baseUrl: options.baseUrl, auth: options.token, log });
    return new GitHubActionsClient(octokit, options, logger);
  }

  private get repo() {
    return { owner: this.options.owner, repo: this.options.repo };
  }

  /** The Actions page of the repository, for links. */
  get actionsUrl(): string {
    return `https://github.com/${this.options.owner}/${this.options.repo}/actions`;
  }

  private async call<T>(what: string, fn: (signal: AbortSignal) => Promise<T>) {
    const { maxRetries, retryDelayMs, timeoutMs } = this.options;
    return retryTransient(
      () => fn(AbortSignal.timeout(timeoutMs)),
      thrown => {
        const status = statusOf(thrown);
        const message = `GitHub could not ${what} (${describe(thrown)})`;
        return {
          error: Object.assign(new Error(message), { status }),
          transient: status === undefined || status >= 500 || status === 429,
        };
      },
      { maxRetries, baseDelayMs: retryDelayMs, logger: this.logger },
    );
  }

  async head(): Promise<string> {
    const { data } = await this.call('read the base branch', signal =>
      this.octokit.git.getRef({
        ...this.repo,
        ref: `heads/${this.options.baseBranch}`,
        request: { signal },
      }),
    );
    return data.object.sha;
  }

  contains(ancestor: string, descendant: string): Promise<boolean> {
    assertSha(ancestor, 'commit');
    assertSha(descendant, 'commit');
    return this.cache.get(ancestor, descendant, async () => {
      const { data } = await this.call(
        `compare ${ancestor.slice(0, 12)} with ${descendant.slice(0, 12)}`,
        signal =>
          this.octokit.repos.compareCommitsWithBasehead({
            ...this.repo,
            basehead: `${ancestor}...${descendant}`,
            per_page: 1,
            request: { signal },
          }),
      );
      // `ahead`: descendant has commits on top of ancestor; `identical`: same commit.
      return data.status === 'ahead' || data.status === 'identical';
    });
  }

  /** The commit a merged pull request put on the base branch. */
  async mergeCommitOf(pullNumber: number): Promise<string | undefined> {
    const { data } = await this.call(
      `read pull request #${pullNumber}`,
      signal =>
        this.octokit.pulls.get({
          ...this.repo,
          pull_number: pullNumber,
          request: { signal },
        }),
    );
    return data.merged ? data.merge_commit_sha ?? undefined : undefined;
  }

  /**
   * The latest runs of the IaC workflow for pushes to the base branch, newest
   * first, with the jobs of those that matter: every run not yet completed,
   * and completed ones until each environment has a finished apply job.
   */
  async recentRuns(environments: string[], limit = 20): Promise<RunView[]> {
    const { data } = await this.call('list workflow runs', signal =>
      this.octokit.actions.listWorkflowRunsForRepo({
        ...this.repo,
        branch: this.options.baseBranch,
        event: 'push',
        per_page: limit,
        request: { signal },
      }),
    );
    const runs = data.workflow_runs
      .filter(
        r => !this.options.workflowPath || r.path === this.options.workflowPath,
      )
      .sort((a, b) => b.created_at.localeCompare(a.created_at));
    const settled = new Set<string>();
    const views: RunView[] = [];
    for (const run of runs) {
      const done = run.status === 'completed';
      // Bounded: an environment that never applied successfully must not cost a call per run.
      if (views.length >= MAX_JOB_READS) break;
      if (done && environments.every(e => settled.has(e))) break;
      const { data: jobs } = await this.call(
        `list the jobs of run ${run.id}`,
        signal =>
          this.octokit.actions.listJobsForWorkflowRun({
            ...this.repo,
            run_id: run.id,
            filter: 'latest',
            per_page: 100,
            request: { signal },
          }),
      );
      let waitingFor: string[] = [];
      if (run.status === 'waiting') {
        const { data: pending } = await this.call(
          `read the deployments run ${run.id} waits for`,
          signal =>
            this.octokit.actions.getPendingDeploymentsForRun({
              ...this.repo,
              run_id: run.id,
              request: { signal },
            }),
        );
        waitingFor = pending.flatMap(p =>
          p.environment.name ? [p.environment.name] : [],
        );
      }
      const jobViews: JobView[] = jobs.jobs.map(j => ({
        name: j.name,
        environment: environmentOfJob(j.name, environments),
        status: j.status,
        conclusion: j.conclusion ?? undefined,
        startedAt: j.started_at ?? undefined,
        completedAt: j.completed_at ?? undefined,
        url: j.html_url ?? undefined,
      }));
      for (const job of jobViews) {
        if (job.environment && job.conclusion === 'success') {
          settled.add(job.environment);
        }
      }
      views.push({
        id: run.id,
        headSha: run.head_sha,
        status: run.status ?? 'unknown',
        conclusion: run.conclusion ?? undefined,
        url: run.html_url,
        createdAt: run.created_at,
        waitingFor,
        jobs: jobViews,
      });
    }
    return views;
  }
}
