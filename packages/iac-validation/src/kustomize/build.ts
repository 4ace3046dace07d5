import path from 'path';
import { hasTool, installHint, runTool } from '../util/tools';
import { parseYamlDocuments } from '../util/yaml';
import { isK8sObject, K8sObject } from './objects';

export const OVERLAYS = ['staging', 'production'] as const;

/** Renders `kubernetes/overlays/<name>` with `kubectl kustomize` and parses the objects. */
export function buildOverlay(repoRoot: string, overlay: string): K8sObject[] {
  if (!hasTool('kubectl')) {
    throw new Error(
      `kubectl is required to build kustomize overlays; ${installHint(
        'kubectl',
      )}`,
    );
  }
  const dir = path.join(repoRoot, 'kubernetes', 'overlays', overlay);
  const result = runTool('kubectl', ['kustomize', dir]);
  if (result.status !== 0) {
    throw new Error(`kubectl kustomize ${dir} failed: ${result.stderr.trim()}`);
  }
  const { documents, errors } = parseYamlDocuments(result.stdout);
  if (errors.length > 0) {
    throw new Error(
      `kubectl kustomize ${dir} produced invalid YAML: ${errors.join('; ')}`,
    );
  }
  const bad = documents.filter(d => !isK8sObject(d));
  if (bad.length > 0) {
    throw new Error(
      `kubectl kustomize ${dir} produced ${bad.length} document(s) without apiVersion/kind/metadata.name`,
    );
  }
  return documents as K8sObject[];
}
