import { SourceDelivery } from '@internal/plugin-nt-infra-common';
import { JobView, RunView } from './GitHubActionsClient';
import { RevisionGraph } from './RevisionGraph';

function jobOf(run: RunView, environment: string): JobView | undefined {
  return run.jobs.find(j => j.environment === environment);
}

/** The newest run whose apply job for `environment` succeeded: what the environment runs. */
export function lastApplied(
  runs: RunView[],
  environment: string,
): { run: RunView; job: JobView } | undefined {
  for (const run of runs) {
    const job = jobOf(run, environment);
    if (job?.conclusion === 'success') return { run, job };
  }
  return undefined;
}

function view(
  run: RunView,
  job: JobView | undefined,
  state: SourceDelivery['state'],
  reason?: string,
): SourceDelivery {
  return {
    source: 'github-actions',
    state,
    reason,
    revision: run.headSha,
    syncStatus: job?.status ?? run.status,
    healthStatus: job?.conclusion ?? run.conclusion,
    startedAt: job?.startedAt ?? run.createdAt,
    deliveredAt: job?.conclusion === 'success' ? job.completedAt : undefined,
    url: job?.url ?? run.url,
  };
}

/**
 * A merged commit on one environment, from the IaC workflow's runs on the
 * base branch (newest first). Applied when the newest successful apply job
 * ran on a commit containing it; otherwise the newest run containing it says
 * where it is: waiting for a deployment review (the production gate),
 * applying, or failed.
 */
export async function actionsDelivery(
  runs: RunView[],
  environment: string,
  mergedSha: string,
  graph: RevisionGraph,
  actionsUrl: string,
): Promise<SourceDelivery> {
  const applied = lastApplied(runs, environment);
  if (applied && (await graph.contains(mergedSha, applied.run.headSha))) {
    return view(applied.run, applied.job, 'applied');
  }
  for (const run of runs) {
    if (!(await graph.contains(mergedSha, run.headSha))) continue;
    const job = jobOf(run, environment);
    if (run.waitingFor.includes(environment) || job?.status === 'waiting') {
      return view(
        run,
        job,
        'awaiting-approval',
        `the ${environment} deployment waits for a required reviewer`,
      );
    }
    if (job?.status === 'in_progress') {
      return view(run, job, 'applying', `${job.name} is running`);
    }
    if (job?.status === 'queued' || job?.status === 'pending') {
      return view(run, job, 'pending', `${job.name} is queued`);
    }
    if (
      job?.conclusion === 'failure' ||
      job?.conclusion === 'timed_out' ||
      job?.conclusion === 'startup_failure'
    ) {
      return view(run, job, 'failed', `${job.name} ended in ${job.conclusion}`);
    }
    if (run.status === 'completed' && run.conclusion === 'failure' && !job) {
      return view(
        run,
        job,
        'failed',
        `the workflow failed before applying to ${environment}`,
      );
    }
    if (run.status === 'completed' && job?.conclusion === 'skipped') {
      return view(
        run,
        job,
        'failed',
        `${job.name} was skipped (the run ended in ${
          run.conclusion ?? 'no conclusion'
        })`,
      );
    }
    if (run.status !== 'completed') {
      return view(
        run,
        job,
        'pending',
        `run ${run.id} has not reached ${environment} yet`,
      );
    }
    // Cancelled (superseded by a newer run): an older run may still say more.
  }
  return {
    source: 'github-actions',
    state: 'pending',
    reason: 'no workflow run on the base branch has applied it yet',
    url: actionsUrl,
  };
}

/** Whether an environment runs `mainSha`, for the entity card. */
export async function actionsCurrent(
  runs: RunView[],
  environment: string,
  mainSha: string,
  graph: RevisionGraph,
  actionsUrl: string,
): Promise<{ current: boolean; source: SourceDelivery }> {
  const source = await actionsDelivery(
    runs,
    environment,
    mainSha,
    graph,
    actionsUrl,
  );
  const applied = lastApplied(runs, environment);
  return {
    current: source.state === 'applied',
    // The card shows what runs now, not the run that is still on its way.
    source: applied
      ? { ...source, revision: applied.run.headSha }
      : { ...source, revision: undefined },
  };
}
