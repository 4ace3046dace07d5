import path from 'path';
import { hasTool, installHint, runTool } from '../util/tools';
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
  if (!hasTool('kubectl')) {
    throw new Error(
      `kubectl is required to build kustomize overlays; ${installHint(
        'kubectl',
      )}`,
    );
  }
  const full = path.join(repoRoot, dir);
  const result = runTool('kubectl', ['kustomize', ...buildOptions, full]);
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
