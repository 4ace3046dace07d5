import {
  applies,
  environmentName,
  Obj,
  record,
  runsTerraform,
  runText,
  steps,
  touchesProduction,
} from './workflowPolicy';

const PRODUCTION_PLAN =
  /\bscripts\/deploy-production\.sh\b[^\n]*--plan-only|\bterraform\b[^\n]*\bplan\b[^\n]*production/;
const PLANS_AGAIN =
  /\bterraform\b[^\n]*\bplan\b|\bscripts\/deploy-production\.sh\b(?![^\n]*--(apply-plan|skip-terraform))/;

function needsOf(job: Obj): string[] {
  if (typeof job.needs === 'string') return [job.needs];
  return Array.isArray(job.needs) ? job.needs.map(String) : [];
}

/** Names of the artifacts a job's steps upload or download with the given action. */
function artifacts(job: Obj, action: 'upload' | 'download'): string[] {
  return steps(job)
    .filter(
      s =>
        typeof s.uses === 'string' &&
        s.uses.startsWith(`actions/${action}-artifact@`),
    )
    .map(s => String(record(s.with).name ?? ''));
}

/**
 * Production applies exactly the plan its reviewers approved. The gated job (environment
 * production) applies a saved plan file and never plans again; that file comes, as an
 * artifact, from a job it needs that ran before the gate, planned production, uploaded the
 * plan and wrote it to the job summary the reviewers read when they approve.
 */
export function approvedPlanProblems(workflow: Obj): string[] {
  const problems: string[] = [];
  const jobs = record(workflow.jobs);
  for (const [name, raw] of Object.entries(jobs)) {
    const job = record(raw);
    if (!applies(job) || !touchesProduction(job) || !runsTerraform(job)) {
      continue;
    }
    const where = `jobs.${name}`;
    if (PLANS_AGAIN.test(runText(job))) {
      problems.push(
        `${where}: plans production after the approval, so reviewers approve a plan they never saw; apply the saved plan of a job before the gate (deploy-production.sh --apply-plan)`,
      );
    }
    const downloaded = artifacts(job, 'download');
    if (downloaded.length === 0) {
      problems.push(
        `${where}: downloads no plan artifact (actions/download-artifact) to apply`,
      );
    }
    const planners = needsOf(job)
      .map(n => ({ name: n, job: record(jobs[n]) }))
      .filter(p => PRODUCTION_PLAN.test(runText(p.job)));
    if (planners.length === 0) {
      problems.push(
        `${where}: needs no job that plans production before the approval`,
      );
    }
    for (const planner of planners) {
      const at = `jobs.${planner.name}`;
      if (environmentName(planner.job) === environmentName(job)) {
        problems.push(
          `${at}: plans behind the same approval as the apply; the plan must exist before reviewers approve`,
        );
      }
      if (!/\bGITHUB_STEP_SUMMARY\b/.test(runText(planner.job))) {
        problems.push(
          `${at}: shows the plan nowhere the reviewers look; write it to $GITHUB_STEP_SUMMARY`,
        );
      }
      const uploaded = artifacts(planner.job, 'upload');
      if (!downloaded.some(a => uploaded.includes(a))) {
        problems.push(
          `${at}: uploads no artifact that ${where} downloads, so the applied plan is not this one`,
        );
      }
    }
  }
  return problems;
}
