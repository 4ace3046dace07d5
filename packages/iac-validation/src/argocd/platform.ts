import fs from 'fs';
import { K8sObject } from '../kustomize/objects';
import {
  ARGOCD_APP,
  at,
  coverageProblems,
  pinProblems,
  PlatformApp,
  readPlatformApp,
} from './platformApps';
import {
  chaosMeshValuesProblems,
  libraryNamespaceProblems,
  referenceCrdProblems,
} from './platformChaosMesh';
import { ingressProblems, networkContributorProblems } from './platformIngress';
import {
  buildCollector,
  CollectorBuild,
  collectorProblems,
} from './platformOtel';

export { PLATFORM_PROJECT } from './platformApps';

export interface PlatformContext {
  repoRoot: string;
  environments: readonly string[];
  regions: readonly string[];
  /** The sourceRepos of project platform that are git repositories (this one). */
  gitRepos: string[];
  /** Objects of the built app overlays: their Ingress classes and RBAC rules. */
  overlayObjects: K8sObject[];
  /** ../shared/reference; undefined when it is absent. */
  referenceDir?: string;
}

/** One problem about one platform Application, or about the platform as a whole (app ''). */
export interface PlatformProblem {
  app: string;
  message: string;
}

/** A check that reads files reports an unreadable one as a problem, not as a crash. */
function guarded(check: () => string[]): string[] {
  try {
    return check();
  } catch (e) {
    return [(e as Error).message];
  }
}

/** Argo CD's own kustomize flags, from the values of the Application that installs it. */
function argoCdBuildOptions(apps: PlatformApp[]): string[] {
  const argocd = apps.find(a => a.name === ARGOCD_APP);
  const options = at(argocd?.values, [
    'configs',
    'cm',
    'kustomize.buildOptions',
  ]);
  return typeof options === 'string'
    ? options.split(/\s+/).filter(Boolean)
    : [];
}

/**
 * The platform's own cluster components (project platform): every cluster runs the ingress
 * controller bound to its Traffic Manager target, a namespace-scoped Chaos Mesh and the
 * OpenTelemetry collector with the repository's configuration; Argo CD installs itself; every
 * chart is pinned.
 */
export function platformProblems(
  objects: K8sObject[],
  context: PlatformContext,
): PlatformProblem[] {
  const apps = objects.map(readPlatformApp);
  const problems: PlatformProblem[] = coverageProblems(
    apps,
    context.environments,
    context.regions,
  ).map(message => ({ app: '', message }));
  const ingressClasses = new Set(
    context.overlayObjects
      .filter(o => o.kind === 'Ingress')
      .map(o => String(o.spec?.ingressClassName)),
  );
  let collector: CollectorBuild | undefined;
  for (const app of apps) {
    const report = (message: string) =>
      problems.push({ app: app.name, message });
    pinProblems(app, context.gitRepos).forEach(report);
    if (app.component === 'traefik') {
      guarded(() =>
        ingressProblems(context.repoRoot, app, ingressClasses),
      ).forEach(report);
    } else if (app.component === 'chaos-mesh') {
      chaosMeshValuesProblems(app).forEach(report);
    } else if (app.component === 'otel-collector') {
      collector ??= buildCollector(context.repoRoot, argoCdBuildOptions(apps));
      collectorProblems(context.repoRoot, app, collector).forEach(report);
    }
  }
  const global = (message: string) => problems.push({ app: '', message });
  guarded(() => networkContributorProblems(context.repoRoot)).forEach(global);
  guarded(() => libraryNamespaceProblems(context.repoRoot)).forEach(global);
  if (context.referenceDir && fs.existsSync(context.referenceDir)) {
    referenceCrdProblems(
      context.repoRoot,
      context.referenceDir,
      context.overlayObjects,
    ).forEach(global);
  } else if (process.env.CI === 'true') {
    global(
      `the Chaos Mesh reference CRDs are missing (${context.referenceDir}); CI fails instead of skipping the namespace-scope check`,
    );
  }
  return problems;
}
