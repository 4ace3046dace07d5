import fs from 'fs';
import path from 'path';
import { isRecord } from '../util/files';

export type Obj = Record<string, unknown>;

export function record(value: unknown): Obj {
  return isRecord(value) ? value : {};
}

export function steps(job: Obj): Obj[] {
  return Array.isArray(job.steps) ? job.steps.map(record) : [];
}

export function runText(job: Obj): string {
  return steps(job)
    .map(s => (typeof s.run === 'string' ? s.run : ''))
    .join('\n');
}

/**
 * A step changes infrastructure when it applies terraform or Kubernetes objects, runs a deploy
 * script past its plan, or asks Argo CD to sync.
 */
const APPLY = [
  /\bterraform\b[^\n]*\bapply\b/,
  /\bkubectl\b[^\n]*\b(apply|patch|replace|delete)\b/,
  /\bscripts\/deploy-(staging|production)\.sh\b(?![^\n]*--plan-only)/,
  /\bscripts\/argocd-sync\.sh\b/,
];

export function applies(job: Obj): boolean {
  const text = runText(job);
  return APPLY.some(re => re.test(text));
}

/** Terraform runs directly or through a deploy script that does not skip it. */
export function runsTerraform(job: Obj): boolean {
  const text = runText(job);
  return (
    /\bterraform\b[^\n]*\b(plan|apply)\b/.test(text) ||
    /\bscripts\/deploy-(staging|production|\$\{\{[^}]*\}\})\.sh\b(?![^\n]*--skip-terraform)/.test(
      text,
    )
  );
}

function envValue(workflow: Obj, job: Obj, name: string): unknown {
  const own = record(job.env)[name];
  return own !== undefined ? own : record(workflow.env)[name];
}

export function environmentName(job: Obj): string | undefined {
  const env = job.environment;
  if (typeof env === 'string') return env;
  const name = record(env).name;
  return typeof name === 'string' ? name : undefined;
}

/** A job touches production when its commands or matrix name it. */
export function touchesProduction(job: Obj): boolean {
  return /production/.test(
    `${runText(job)}\n${JSON.stringify(record(job.strategy).matrix ?? '')}`,
  );
}

function permissionValue(
  workflow: Obj,
  job: Obj,
  scope: string,
): string | undefined {
  // A job's own permissions replace the workflow's entirely, as on GitHub.
  const perms =
    job.permissions !== undefined ? job.permissions : workflow.permissions;
  if (typeof perms === 'string') {
    const levels: Record<string, string> = {
      'write-all': 'write',
      'read-all': 'read',
    };
    return levels[perms];
  }
  const value = record(perms)[scope];
  return typeof value === 'string' ? value : undefined;
}

/** Secrets and env names that would hold a stored cloud credential instead of OIDC. */
const STORED_CREDENTIAL =
  /\b(secrets\.[A-Z0-9_]*(AZURE|ARM|CLIENT_SECRET|CREDENTIALS|KUBECONFIG|ACCESS_KEY|SAS)[A-Z0-9_]*|ARM_CLIENT_SECRET|ARM_ACCESS_KEY|ARM_CLIENT_CERTIFICATE[A-Z_]*|AZURE_CLIENT_SECRET)\b/g;

/**
 * Repository paths a command mentions, e.g. scripts/deploy-staging.sh or terraform/azure/...;
 * a path continued by an expression that was not expanded (`$VAR`) is not judged.
 */
const REPO_PATH =
  /(?<![\w$/.-])(?:\.\/)?((?:scripts|terraform|kubernetes|monitoring|packages)\/[\w./-]*[\w/])(?![\w$])/g;

/** The job's commands once per matrix combination, `${{ matrix.x }}` replaced by its values. */
function expandMatrix(job: Obj, text: string): string[] {
  let variants = [text];
  for (const [key, values] of Object.entries(
    record(record(job.strategy).matrix),
  )) {
    if (!Array.isArray(values)) continue;
    const expr = `\\$\\{\\{\\s*matrix\\.${key}\\s*\\}\\}`;
    variants = variants.flatMap(v =>
      new RegExp(expr).test(v)
        ? values.map(value => v.replace(new RegExp(expr, 'g'), String(value)))
        : [v],
    );
  }
  return variants;
}

function pathExists(repoRoot: string, rel: string): boolean {
  return fs.existsSync(path.join(repoRoot, rel));
}

/** The literal part of a glob before its first wildcard, which must exist for it to match. */
function globPrefix(glob: string): string {
  const cut = glob.search(/[*?[{]/);
  const literal = cut === -1 ? glob : glob.slice(0, cut);
  return literal.replace(/\/[^/]*$/, '') || '.';
}

function triggerPathProblems(repoRoot: string, workflow: Obj): string[] {
  const problems: string[] = [];
  for (const [event, config] of Object.entries(record(workflow.on))) {
    for (const key of ['paths', 'paths-ignore']) {
      const globs = record(config)[key];
      if (!Array.isArray(globs)) continue;
      for (const glob of globs.map(String)) {
        const pattern = glob.replace(/^!/, '');
        if (!pathExists(repoRoot, globPrefix(pattern))) {
          problems.push(
            `on.${event}.${key}: ${glob} matches nothing in the repository`,
          );
        }
      }
    }
  }
  return problems;
}

function actionPinProblems(
  jobName: string,
  job: Obj,
  repoRoot: string,
  source: string,
): string[] {
  const problems: string[] = [];
  const uses = [
    ...(typeof job.uses === 'string' ? [job.uses] : []),
    ...steps(job).flatMap(s => (typeof s.uses === 'string' ? [s.uses] : [])),
  ];
  for (const ref of uses) {
    if (ref.startsWith('./')) {
      if (!pathExists(repoRoot, ref.split('@')[0])) {
        problems.push(`jobs.${jobName}: local action ${ref} does not exist`);
      }
      continue;
    }
    if (ref.startsWith('docker://')) continue;
    // A tag can be moved to other code after review; a full commit SHA cannot. The trailing
    // comment names the release so a reviewer (and Dependabot) can tell what it is.
    const version = ref.split('@')[1];
    if (!version || !/^[0-9a-f]{40}$/.test(version)) {
      problems.push(
        `jobs.${jobName}: ${ref} must be pinned to a full 40-hex commit SHA with the version in a trailing comment (@<sha> # v4.2.2)`,
      );
      continue;
    }
    const escaped = ref.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    if (
      !new RegExp(
        `uses:\\s*['"]?${escaped}['"]?\\s+#\\s*v\\d+(\\.\\d+){0,2}\\b`,
      ).test(source)
    ) {
      problems.push(
        `jobs.${jobName}: ${ref} needs the release it pins in a trailing comment (# v4.2.2)`,
      );
    }
  }
  return problems;
}

/**
 * Delivery rules a schema cannot express: production applies only through the protected
 * `production` environment, every apply in a non-cancelling concurrency group, OIDC (id-token)
 * wherever azure/login runs, no stored cloud credentials, least-privilege permissions, actions
 * pinned, and every script or path a workflow names present in the repository.
 */
export function workflowPolicyProblems(
  repoRoot: string,
  workflow: Obj,
  source: string,
): string[] {
  const problems: string[] = [...triggerPathProblems(repoRoot, workflow)];
  if (workflow.permissions === undefined) {
    problems.push('permissions: declare the workflow default (contents: read)');
  }
  for (const match of new Set(source.match(STORED_CREDENTIAL) ?? [])) {
    problems.push(
      `${match}: a stored cloud credential; use OIDC (azure/login with id-token: write)`,
    );
  }
  for (const [name, raw] of Object.entries(record(workflow.jobs))) {
    const job = record(raw);
    const where = `jobs.${name}`;
    if (job.permissions === undefined && typeof job.uses !== 'string') {
      problems.push(
        `${where}: declare the job's own permissions (least privilege per job)`,
      );
    }
    if ((job.permissions ?? workflow.permissions) === 'write-all') {
      problems.push(
        `${where}: permissions write-all; grant only the scopes the job uses`,
      );
    }
    if (applies(job)) {
      if (touchesProduction(job) && environmentName(job) !== 'production') {
        problems.push(
          `${where}: applies to production without environment: production (its required reviewers are the gate)`,
        );
      }
      const concurrency = job.concurrency ?? workflow.concurrency;
      const group =
        typeof concurrency === 'string'
          ? concurrency
          : record(concurrency).group;
      if (typeof group !== 'string' || group === '') {
        problems.push(`${where}: applies without a concurrency group`);
      } else if (record(concurrency)['cancel-in-progress'] !== false) {
        problems.push(
          `${where}: an apply must never be cancelled midway (cancel-in-progress: false)`,
        );
      }
    }
    for (const step of steps(job)) {
      if (
        typeof step.uses !== 'string' ||
        !step.uses.startsWith('azure/login@')
      ) {
        continue;
      }
      if (permissionValue(workflow, job, 'id-token') !== 'write') {
        problems.push(
          `${where}: azure/login needs permissions id-token: write (OIDC)`,
        );
      }
      const withArgs = record(step.with);
      for (const key of ['creds', 'client-secret']) {
        if (withArgs[key] !== undefined) {
          problems.push(
            `${where}: azure/login with ${key}: a stored credential; use OIDC`,
          );
        }
      }
      if (withArgs['client-id'] === undefined) {
        problems.push(
          `${where}: azure/login without client-id (OIDC federation)`,
        );
      }
      if (
        runsTerraform(job) &&
        String(envValue(workflow, job, 'ARM_USE_OIDC')) !== 'true'
      ) {
        problems.push(
          `${where}: terraform with azure/login needs ARM_USE_OIDC: 'true' (the azurerm provider and backend sign in with the OIDC token)`,
        );
      }
    }
    const dirs = [
      job.defaults && record(record(job.defaults).run)['working-directory'],
      ...steps(job).map(s => s['working-directory']),
    ].filter((d): d is string => typeof d === 'string' && !d.includes('${{'));
    for (const dir of dirs) {
      if (!pathExists(repoRoot, dir)) {
        problems.push(`${where}: working-directory ${dir} does not exist`);
      }
    }
    const mentioned = new Set(
      expandMatrix(job, runText(job)).flatMap(text =>
        [...text.matchAll(REPO_PATH)].map(m => m[1]),
      ),
    );
    for (const rel of mentioned) {
      if (!pathExists(repoRoot, rel)) {
        problems.push(`${where}: ${rel} does not exist`);
      }
    }
    problems.push(...actionPinProblems(name, job, repoRoot, source));
  }
  return problems;
}
