import fs from 'fs';
import path from 'path';
import { buildKustomization, OVERLAYS } from '../kustomize/build';
import { K8sObject } from '../kustomize/objects';
import { Problem } from '../types';
import { isRecord } from '../util/files';
import { clusterScopeProblems } from './clusterScope';
import { modelErrors } from './models';
import { platformProblems, PLATFORM_PROJECT } from './platform';
import {
  activeMinutes,
  parseDurationMinutes,
  SyncWindow,
  syncableMinutes,
  WEEK_MINUTES,
  weekMinuteLabel,
  windowsFor,
} from './syncWindows';

export const ARGOCD_DIR = 'kubernetes/argocd';
/** The regions every environment runs in; the same list as scripts/lib/deploy-common.sh. */
export const REGIONS = ['eastus', 'westus'] as const;
/** The longest production window: a production chaos window lasts at most 8 hours too. */
export const MAX_PRODUCTION_WINDOW_MINUTES = 8 * 60;

interface Application {
  name: string;
  file: string;
  project?: string;
  repoURL?: string;
  path?: string;
  cluster?: string;
  namespace?: string;
  automated?: Record<string, unknown>;
  syncOptions: string[];
  ignoreDifferences: Array<Record<string, unknown>>;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function record(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

function readApplication(object: K8sObject, file: string): Application {
  const spec = record(object.spec);
  const source = record(spec.source);
  const destination = record(spec.destination);
  const syncPolicy = record(spec.syncPolicy);
  return {
    name: object.metadata.name,
    file,
    project: str(spec.project),
    repoURL: str(source.repoURL),
    path: str(source.path),
    cluster: str(destination.name),
    namespace: str(destination.namespace),
    automated: isRecord(syncPolicy.automated)
      ? syncPolicy.automated
      : undefined,
    syncOptions: Array.isArray(syncPolicy.syncOptions)
      ? syncPolicy.syncOptions.map(String)
      : [],
    ignoreDifferences: Array.isArray(spec.ignoreDifferences)
      ? spec.ignoreDifferences.filter(isRecord)
      : [],
  };
}

/** The project of the app overlays; project platform holds the cluster components. */
const APP_PROJECT = 'ntai';

/** Where a problem about an object is reported: its own file when it follows the layout. */
function fileOf(repoRoot: string, object: K8sObject): string {
  const platform =
    object.metadata.name === PLATFORM_PROJECT ||
    record(object.spec).project === PLATFORM_PROJECT;
  let own: string;
  if (object.kind === 'AppProject') {
    own = `${ARGOCD_DIR}/${platform ? 'platform-project' : 'project'}.yaml`;
  } else {
    own = `${ARGOCD_DIR}/${platform ? 'platform' : 'applications'}/${
      object.metadata.name
    }.yaml`;
  }
  return fs.existsSync(path.join(repoRoot, own)) ? own : ARGOCD_DIR;
}

export interface ValidateArgoCdOptions {
  /** Chaos Mesh reference CRDs; default NT_REFERENCE_DIR, else ../shared/reference. */
  referenceDir?: string;
}

type Built = Map<string, { objects?: K8sObject[]; error?: string }>;

function sourceProblems(
  repoRoot: string,
  app: Application,
  built: Built,
  project: K8sObject | undefined,
): string[] {
  if (!app.path) return ['spec.source.path is missing'];
  if (!fs.existsSync(path.join(repoRoot, app.path))) {
    return [`spec.source.path ${app.path} does not exist`];
  }
  if (!built.has(app.path)) {
    try {
      built.set(app.path, { objects: buildKustomization(repoRoot, app.path) });
    } catch (e) {
      built.set(app.path, { error: (e as Error).message });
    }
  }
  const error = built.get(app.path)?.error;
  const objects = built.get(app.path)?.objects ?? [];
  return error
    ? [`spec.source.path ${app.path}: ${error}`]
    : [
        ...hpaOwnershipProblems(app, objects),
        ...clusterScopeProblems(String(app.project), objects, project),
      ];
}

/**
 * Argo CD must leave alone what an HPA owns: Deployments scaled by an HPA are listed in
 * ignoreDifferences on /spec/replicas, and RespectIgnoreDifferences keeps a sync from writing
 * the field back (staging's self-heal would otherwise fight the autoscaler).
 */
function hpaOwnershipProblems(
  app: Application,
  objects: K8sObject[],
): string[] {
  const scaled = objects
    .filter(o => o.kind === 'HorizontalPodAutoscaler')
    .map(o => record(o.spec?.scaleTargetRef))
    .filter(ref => ref.kind === 'Deployment')
    .map(ref => String(ref.name));
  if (scaled.length === 0) return [];
  const ignored = (name: string) =>
    app.ignoreDifferences.some(
      d =>
        d.group === 'apps' &&
        d.kind === 'Deployment' &&
        (d.name === undefined || d.name === name) &&
        Array.isArray(d.jsonPointers) &&
        d.jsonPointers.includes('/spec/replicas'),
    );
  const problems = scaled
    .filter(name => !ignored(name))
    .map(
      name =>
        `Deployment ${name} is scaled by an HPA: spec.ignoreDifferences needs {group: apps, kind: Deployment, jsonPointers: [/spec/replicas]}`,
    );
  if (!app.syncOptions.includes('RespectIgnoreDifferences=true')) {
    problems.push(
      'syncPolicy.syncOptions needs RespectIgnoreDifferences=true so a sync never writes back what the HPA owns',
    );
  }
  return problems;
}

/** The environment × region contract: name, destination cluster and overlay agree. */
function namingProblems(app: Application): string[] {
  const m = /^ntai-(staging|production)-([a-z0-9]+)$/.exec(app.name);
  if (!m) return ['name must be ntai-<environment>-<region>'];
  const [, env, region] = m;
  const problems: string[] = [];
  if (app.cluster !== `aks-ntai-${env}-${region}`) {
    problems.push(
      `spec.destination.name must be aks-ntai-${env}-${region} (got ${app.cluster})`,
    );
  }
  if (app.path !== `kubernetes/overlays/${env}`) {
    problems.push(
      `spec.source.path must be kubernetes/overlays/${env} (got ${app.path})`,
    );
  }
  if (env === 'staging') {
    if (!app.automated) {
      problems.push('staging must sync automatically (syncPolicy.automated)');
    } else {
      if (app.automated.selfHeal !== true) {
        problems.push(
          'staging must heal drift (syncPolicy.automated.selfHeal)',
        );
      }
      if (app.automated.prune !== true) {
        problems.push(
          'staging must prune removed objects (syncPolicy.automated.prune)',
        );
      }
    }
  } else if (app.automated) {
    problems.push(
      'production must not sync automatically: remove syncPolicy.automated (syncs are requested inside the window)',
    );
  }
  return problems;
}

function readWindows(project: K8sObject): SyncWindow[] {
  const windows = record(project.spec).syncWindows;
  return Array.isArray(windows) ? (windows as SyncWindow[]) : [];
}

function describeGaps(minutes: number[]): string {
  const first = minutes.slice(0, 3).map(weekMinuteLabel).join(', ');
  return `${minutes.length} minute(s) a week, first ${first}`;
}

/** Production: one bounded weekly allow window, explicit deny everywhere else. */
function windowProblems(app: Application, windows: SyncWindow[]): string[] {
  const mine = windowsFor(windows, app);
  const env = /-(staging|production)-[a-z0-9]+$/.exec(app.name)?.[1];
  if (env === 'staging') {
    return mine.length > 0
      ? ['staging follows main: no sync window may match it']
      : [];
  }
  const problems: string[] = [];
  let allow: boolean[][];
  let deny: SyncWindow[];
  try {
    allow = mine.filter(w => w.kind === 'allow').map(activeMinutes);
    deny = mine.filter(w => w.kind === 'deny');
    for (const w of mine) {
      if (w.kind !== 'allow' && w.kind !== 'deny') {
        problems.push(
          `sync window '${w.schedule}' has kind ${w.kind}; allow or deny`,
        );
      }
      if (w.timeZone === undefined) {
        problems.push(
          `sync window '${w.schedule}' must name its timeZone (UTC unless agreed otherwise)`,
        );
      }
      if (
        w.kind === 'allow' &&
        parseDurationMinutes(w.duration) > MAX_PRODUCTION_WINDOW_MINUTES
      ) {
        problems.push(
          `allow window '${w.schedule}' lasts ${w.duration}; a production window lasts at most 8h`,
        );
      }
      if (w.kind === 'deny' && w.manualSync === true) {
        problems.push(
          `deny window '${w.schedule}' must not let manual syncs through (manualSync)`,
        );
      }
    }
  } catch (e) {
    return [(e as Error).message];
  }
  if (allow.length === 0) {
    return [...problems, 'no allow sync window: production could never sync'];
  }
  const denied = deny.map(activeMinutes);
  const open = syncableMinutes(mine);
  const uncovered: number[] = [];
  for (let t = 0; t < WEEK_MINUTES; t++) {
    if (!allow.some(a => a[t]) && !denied.some(d => d[t])) uncovered.push(t);
  }
  if (uncovered.length > 0) {
    problems.push(
      `no deny window outside the allow window: ${describeGaps(uncovered)}`,
    );
  }
  if (!open.some(Boolean)) {
    problems.push(
      'deny windows cover the whole allow window: production never syncs',
    );
  }
  return problems;
}

/**
 * Validates the Argo CD manifests in kubernetes/argocd: the kustomization builds, every object
 * passes the typed models of `@kubernetes-models/argo-cd`, and the delivery policy holds (an
 * Application per environment and region whose overlay builds, staging automated with
 * self-heal, production manual and inside a bounded weekly window, deny otherwise).
 */
export function validateArgoCd(
  repoRoot: string,
  options: ValidateArgoCdOptions = {},
): Problem[] {
  let objects: K8sObject[];
  try {
    objects = buildKustomization(repoRoot, ARGOCD_DIR);
  } catch (e) {
    return [{ file: ARGOCD_DIR, message: (e as Error).message }];
  }
  const problems: Problem[] = [];
  modelErrors(objects).forEach((errors, i) =>
    errors.forEach(message =>
      problems.push({
        file: fileOf(repoRoot, objects[i]),
        message: `${objects[i].kind} ${objects[i].metadata.name}: ${message}`,
      }),
    ),
  );

  const projects = new Map(
    objects.filter(o => o.kind === 'AppProject').map(o => [o.metadata.name, o]),
  );
  const apps = objects
    .filter(o => o.kind === 'Application')
    .map(o => readApplication(o, fileOf(repoRoot, o)));
  const built: Built = new Map();
  for (const app of apps) {
    const report = (message: string) =>
      problems.push({
        file: app.file,
        message: `Application ${app.name}: ${message}`,
      });
    const project = app.project ? projects.get(app.project) : undefined;
    if (app.project === APP_PROJECT) {
      sourceProblems(repoRoot, app, built, project).forEach(report);
      namingProblems(app).forEach(report);
    } else if (app.project !== PLATFORM_PROJECT) {
      report(
        `spec.project must be ${APP_PROJECT} (app overlays) or ${PLATFORM_PROJECT} (cluster components)`,
      );
    }
    if (!project) {
      report(`spec.project ${app.project} is not defined in ${ARGOCD_DIR}`);
      continue;
    }
    const spec = record(project.spec);
    const repos = Array.isArray(spec.sourceRepos) ? spec.sourceRepos : [];
    if (!app.repoURL || !repos.includes(app.repoURL)) {
      report(
        `spec.source.repoURL ${app.repoURL} is not a sourceRepo of project ${app.project}`,
      );
    }
    const destinations = (
      Array.isArray(spec.destinations) ? spec.destinations : []
    ).map(record);
    const namespaceAllowed = (d: Record<string, unknown>) =>
      d.namespace === '*' ||
      (app.namespace !== undefined && d.namespace === app.namespace) ||
      (app.namespace === undefined && app.project === APP_PROJECT);
    if (
      !destinations.some(d => d.name === app.cluster && namespaceAllowed(d))
    ) {
      report(
        `cluster ${app.cluster} namespace ${app.namespace} is not a destination of project ${app.project}`,
      );
    }
    windowProblems(app, readWindows(project)).forEach(report);
  }

  const platformProject = projects.get(PLATFORM_PROJECT);
  const platformRepos = (
    Array.isArray(platformProject?.spec?.sourceRepos)
      ? platformProject.spec.sourceRepos
      : []
  )
    .map(String)
    .filter(url => url.endsWith('.git'));
  const platformObjects = objects.filter(
    o =>
      o.kind === 'Application' && record(o.spec).project === PLATFORM_PROJECT,
  );
  const overlayObjects = [...built.values()].flatMap(b => b.objects ?? []);
  for (const problem of platformProblems(platformObjects, {
    repoRoot,
    environments: OVERLAYS,
    regions: REGIONS,
    gitRepos: platformRepos,
    overlayObjects,
    referenceDir:
      options.referenceDir ??
      process.env.NT_REFERENCE_DIR ??
      path.join(repoRoot, '..', 'shared', 'reference'),
  })) {
    const object = platformObjects.find(o => o.metadata.name === problem.app);
    problems.push({
      file: object ? fileOf(repoRoot, object) : `${ARGOCD_DIR}/platform`,
      message: problem.app
        ? `Application ${problem.app}: ${problem.message}`
        : problem.message,
    });
  }

  for (const env of OVERLAYS) {
    for (const region of REGIONS) {
      const name = `ntai-${env}-${region}`;
      if (!apps.some(a => a.name === name)) {
        problems.push({
          file: ARGOCD_DIR,
          message: `no Application ${name}: every environment and region is delivered`,
        });
      }
    }
  }
  return problems;
}
