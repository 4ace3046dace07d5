import { K8sObject } from '../kustomize/objects';
import { isRecord } from '../util/files';

/** The Argo CD project of the platform's own cluster components. */
export const PLATFORM_PROJECT = 'platform';
/** Components every cluster runs, each an Application `<component>-<env>-<region>`. */
export const PER_CLUSTER_COMPONENTS = [
  'traefik',
  'chaos-mesh',
  'otel-collector',
] as const;
/** Argo CD runs once, in this cluster (docs/delivery.md, "Where Argo CD runs"). */
export const ARGOCD_APP = 'argocd-production-eastus';
export const ARGOCD_CLUSTER = 'aks-ntai-production-eastus';
/** The application namespace: the only one Chaos Mesh may act in. */
export const APP_NAMESPACE = 'ntai';

export type Obj = Record<string, unknown>;

export function rec(value: unknown): Obj {
  return isRecord(value) ? value : {};
}

/** A platform Application, read from its manifest. */
export interface PlatformApp {
  name: string;
  component: string;
  env: string;
  region: string;
  source: Obj;
  /** `spec.source.helm.valuesObject`, {} when absent. */
  values: Obj;
  cluster?: string;
  namespace?: string;
}

export function readPlatformApp(object: K8sObject): PlatformApp {
  const spec = rec(object.spec);
  const source = rec(spec.source);
  const destination = rec(spec.destination);
  const m = /^([a-z0-9-]+)-(staging|production)-([a-z0-9]+)$/.exec(
    object.metadata.name,
  );
  return {
    name: object.metadata.name,
    component: m?.[1] ?? '',
    env: m?.[2] ?? '',
    region: m?.[3] ?? '',
    source,
    values: rec(rec(source.helm).valuesObject),
    cluster:
      typeof destination.name === 'string' ? destination.name : undefined,
    namespace:
      typeof destination.namespace === 'string'
        ? destination.namespace
        : undefined,
  };
}

/** Reads a dotted path of plain keys ("a.b.c") from nested records. */
export function at(value: unknown, keys: string[]): unknown {
  let current = value;
  for (const key of keys) current = rec(current)[key];
  return current;
}

const EXACT_VERSION = /^v?\d+\.\d+\.\d+$/;

/**
 * A Helm chart is pinned to one exact version (no range, no `*`, no `latest`), so a sync
 * installs what was reviewed; a git source must be this repository.
 */
export function pinProblems(app: PlatformApp, repoURLs: string[]): string[] {
  const revision = app.source.targetRevision;
  if (typeof app.source.chart === 'string') {
    return typeof revision === 'string' && EXACT_VERSION.test(revision)
      ? []
      : [
          `chart ${
            app.source.chart
          } must be pinned to an exact version (targetRevision ${String(
            revision,
          )})`,
        ];
  }
  return typeof app.source.repoURL === 'string' &&
    repoURLs.includes(app.source.repoURL)
    ? []
    : [
        `spec.source.repoURL ${String(
          app.source.repoURL,
        )} is neither a pinned Helm chart nor this repository`,
      ];
}

/** Every cluster gets every component, under the name and destination of the contract. */
export function coverageProblems(
  apps: PlatformApp[],
  environments: readonly string[],
  regions: readonly string[],
): string[] {
  const problems: string[] = [];
  for (const app of apps) {
    if (app.name === ARGOCD_APP) {
      if (app.cluster !== ARGOCD_CLUSTER) {
        problems.push(
          `Application ${app.name}: Argo CD runs in ${ARGOCD_CLUSTER} (got ${app.cluster})`,
        );
      }
      continue;
    }
    if (!app.component || !app.env) {
      problems.push(
        `Application ${app.name}: name must be <component>-<environment>-<region>`,
      );
    } else if (app.cluster !== `aks-ntai-${app.env}-${app.region}`) {
      problems.push(
        `Application ${app.name}: spec.destination.name must be aks-ntai-${app.env}-${app.region} (got ${app.cluster})`,
      );
    }
  }
  if (!apps.some(a => a.name === ARGOCD_APP)) {
    problems.push(
      `no Application ${ARGOCD_APP}: Argo CD itself is installed as code`,
    );
  }
  for (const component of PER_CLUSTER_COMPONENTS) {
    for (const env of environments) {
      for (const region of regions) {
        const name = `${component}-${env}-${region}`;
        if (!apps.some(a => a.name === name)) {
          problems.push(
            `no Application ${name}: every cluster runs ${component}`,
          );
        }
      }
    }
  }
  return problems;
}
