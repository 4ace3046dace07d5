import path from 'path';
import {
  hasTool,
  installHint,
  runTool,
  runToolAsync,
  ToolResult,
} from '../util/tools';
import { parseYamlDocuments } from '../util/yaml';
import { isK8sObject, K8sObject } from './objects';

export const OVERLAYS = ['staging', 'production'] as const;

/** Renders `kubernetes/overlays/<name>` with `kubectl kustomize` and parses the objects. */
export function buildOverlay(repoRoot: string, overlay: string): K8sObject[] {
  return buildKustomization(
    repoRoot,
    path.join('kubernetes', 'overlays', overlay),
  );
}

/**
 * Renders any kustomization directory of the repository (`dir` relative to `repoRoot`) with
 * `kubectl kustomize` and parses the objects; throws with kubectl's message when it fails.
 * `buildOptions` are extra kustomize flags, e.g. Argo CD's `kustomize.buildOptions`.
 */
export function buildKustomization(
  repoRoot: string,
  dir: string,
  buildOptions: string[] = [],
): K8sObject[] {
  const full = kustomizationDir(repoRoot, dir);
  return parseKustomizeOutput(
    full,
    runTool('kubectl', ['kustomize', ...buildOptions, full]),
  );
}

/**
 * buildOverlay in a child process that does not block the event loop: what
 * a server (the portal's GitOps checks and experiment library) must use.
 */
export function buildOverlayAsync(
  repoRoot: string,
  overlay: string,
): Promise<K8sObject[]> {
  return buildKustomizationAsync(
    repoRoot,
    path.join('kubernetes', 'overlays', overlay),
  );
}

/** buildKustomization without blocking the event loop. */
export async function buildKustomizationAsync(
  repoRoot: string,
  dir: string,
): Promise<K8sObject[]> {
  const full = kustomizationDir(repoRoot, dir);
  return parseKustomizeOutput(
    full,
    await runToolAsync('kubectl', ['kustomize', full]),
  );
}

function kustomizationDir(repoRoot: string, dir: string): string {
  if (!hasTool('kubectl')) {
    throw new Error(
      `kubectl is required to build kustomize overlays; ${installHint(
        'kubectl',
      )}`,
    );
  }
  return path.join(repoRoot, dir);
}

function parseKustomizeOutput(full: string, result: ToolResult): K8sObject[] {
  if (result.status !== 0) {
    throw new Error(
      `kubectl kustomize ${full} failed: ${result.stderr.trim()}`,
    );
  }
  const { documents, errors } = parseYamlDocuments(result.stdout);
  if (errors.length > 0) {
    throw new Error(
      `kubectl kustomize ${full} produced invalid YAML: ${errors.join('; ')}`,
    );
  }
  const bad = documents.filter(d => !isK8sObject(d));
  if (bad.length > 0) {
    throw new Error(
      `kubectl kustomize ${full} produced ${bad.length} document(s) without apiVersion/kind/metadata.name`,
    );
  }
  return documents as K8sObject[];
}
