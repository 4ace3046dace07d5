import fs from 'fs';
import path from 'path';
import { isDeepStrictEqual } from 'util';
import { buildKustomization } from '../kustomize/build';
import { K8sObject } from '../kustomize/objects';
import { parseYamlDocuments } from '../util/yaml';
import { at, Obj, PlatformApp, rec } from './platformApps';

export const COLLECTOR_CONFIG = 'monitoring/opentelemetry/collector.yaml';
export const COLLECTOR_KUSTOMIZATION = 'kubernetes/platform/otel-collector';
const CONFIG_MAP = 'otel-collector-config';
const ENV_CONFIG_MAP = 'otel-collector-env';

/** `add`/`replace` of `/data/<key>` in the Application's JSON patches of one ConfigMap. */
export function patchedData(app: PlatformApp, configMap: string): Obj {
  const patches = at(app.source, ['kustomize', 'patches']);
  const data: Obj = {};
  for (const patch of Array.isArray(patches) ? patches.map(rec) : []) {
    const target = rec(patch.target);
    if (target.kind !== 'ConfigMap' || target.name !== configMap) continue;
    const ops = parseYamlDocuments(String(patch.patch ?? '')).documents[0];
    for (const op of Array.isArray(ops) ? ops.map(rec) : []) {
      const m = /^\/data\/(.+)$/.exec(String(op.path));
      if (m && (op.op === 'add' || op.op === 'replace')) {
        data[m[1]] = op.value;
      }
    }
  }
  return data;
}

/** What the built collector kustomization provides, or why it cannot be built. */
export interface CollectorBuild {
  objects?: K8sObject[];
  error?: string;
}

export function buildCollector(
  repoRoot: string,
  buildOptions: string[],
): CollectorBuild {
  try {
    return {
      objects: buildKustomization(
        repoRoot,
        COLLECTOR_KUSTOMIZATION,
        buildOptions,
      ),
    };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

const PINNED_IMAGE = /^[^:@\s]+(:\d+\.\d+\.\d+|@sha256:[0-9a-f]{64})$/;

/**
 * The collector runs monitoring/opentelemetry/collector.yaml itself, from a pinned image, and
 * gets every `${env:NAME}` that configuration reads: the Application's patch provides region
 * and environment (which must be its own cluster's), the Deployment the rest.
 */
export function collectorProblems(
  repoRoot: string,
  app: PlatformApp,
  build: CollectorBuild,
): string[] {
  if (app.source.path !== COLLECTOR_KUSTOMIZATION) {
    return [
      `spec.source.path must be ${COLLECTOR_KUSTOMIZATION} (got ${String(
        app.source.path,
      )})`,
    ];
  }
  if (build.error) return [`${COLLECTOR_KUSTOMIZATION}: ${build.error}`];
  const objects = build.objects ?? [];
  const problems: string[] = [];
  const patched = patchedData(app, ENV_CONFIG_MAP);
  for (const [key, expected] of [
    ['NTAI_REGION', app.region],
    ['NTAI_ENVIRONMENT', app.env],
  ]) {
    if (patched[key] !== expected) {
      problems.push(
        `the patch of ConfigMap ${ENV_CONFIG_MAP} must set ${key} to ${expected} (got ${String(
          patched[key],
        )})`,
      );
    }
  }
  const source = parseYamlDocuments(
    fs.readFileSync(path.join(repoRoot, COLLECTOR_CONFIG), 'utf8'),
  ).documents[0];
  const configMap = objects.find(
    o => o.kind === 'ConfigMap' && o.metadata.name.startsWith(CONFIG_MAP),
  );
  const rendered = Object.values(configMap?.data ?? {})[0];
  if (
    typeof rendered !== 'string' ||
    !isDeepStrictEqual(parseYamlDocuments(rendered).documents[0], source)
  ) {
    problems.push(
      `ConfigMap ${CONFIG_MAP} must hold ${COLLECTOR_CONFIG} unchanged (generate it from that file)`,
    );
  }
  const deployment = objects.find(o => o.kind === 'Deployment');
  const container = rec(
    (
      at(deployment, ['spec', 'template', 'spec', 'containers']) as
        | unknown[]
        | undefined
    )?.[0],
  );
  if (!PINNED_IMAGE.test(String(container.image))) {
    problems.push(
      `collector image ${String(
        container.image,
      )} must be pinned to a version (x.y.z) or digest`,
    );
  }
  // Keys of otel-collector-env reach the container only through its envFrom.
  const envConfigMap = objects.find(
    o => o.kind === 'ConfigMap' && o.metadata.name.startsWith(ENV_CONFIG_MAP),
  );
  const usesEnvConfigMap = (
    Array.isArray(container.envFrom) ? container.envFrom.map(rec) : []
  ).some(e => String(rec(e.configMapRef).name).startsWith(ENV_CONFIG_MAP));
  const provided = new Set<string>([
    ...(Array.isArray(container.env)
      ? container.env.map(e => String(rec(e).name))
      : []),
    ...(usesEnvConfigMap
      ? [...Object.keys(envConfigMap?.data ?? {}), ...Object.keys(patched)]
      : []),
  ]);
  const wanted = new Set(
    [
      ...JSON.stringify(source).matchAll(/\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g),
    ].map(m => m[1]),
  );
  for (const name of wanted) {
    if (!provided.has(name)) {
      problems.push(
        `${COLLECTOR_CONFIG} reads \${env:${name}}, which the collector Deployment does not set`,
      );
    }
  }
  return problems;
}
