import { parseAllDocuments } from 'yaml';

const CHAOS_MESH_API_VERSION = 'chaos-mesh.org/v1alpha1';

/**
 * A new library experiment as typed in the form: the Chaos Mesh object, or
 * the first thing wrong with the text, with its line. Only what the browser
 * can tell without the repository; the preview's checks validate the
 * object against the Chaos Mesh CRDs, the library's annotations and the
 * overlays' replica counts (the blast radius).
 */
export type ExperimentYaml =
  | { resource: Record<string, unknown>; problem?: undefined }
  | { resource?: undefined; problem: string };

const isMapping = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function readExperimentYaml(text: string): ExperimentYaml {
  if (!text.trim()) return { problem: 'Write the Chaos Mesh resource.' };
  const documents = parseAllDocuments(text);
  if (!Array.isArray(documents) || documents.length !== 1) {
    return {
      problem: `A library file holds one resource; this text has ${
        Array.isArray(documents) ? documents.length : 0
      } documents.`,
    };
  }
  const [document] = documents;
  const [error] = document.errors;
  if (error) {
    const line = error.linePos?.[0].line;
    const message = error.message.split('\n')[0];
    return { problem: line ? `Line ${line}: ${message}` : message };
  }
  const value: unknown = document.toJS();
  if (!isMapping(value)) {
    return {
      problem:
        'The resource must be a mapping: apiVersion, kind, metadata, spec.',
    };
  }
  if (value.apiVersion !== CHAOS_MESH_API_VERSION) {
    return { problem: `apiVersion must be ${CHAOS_MESH_API_VERSION}.` };
  }
  if (typeof value.kind !== 'string' || value.kind === '') {
    return {
      problem:
        'kind is missing (PodChaos, NetworkChaos, StressChaos, Workflow, …).',
    };
  }
  const metadata = value.metadata;
  if (!isMapping(metadata) || typeof metadata.name !== 'string') {
    return { problem: 'metadata.name is missing.' };
  }
  if (!isMapping(value.spec)) return { problem: 'spec is missing.' };
  return { resource: value };
}

/** What the editor starts from: a one-pod staging experiment with the library's annotations. */
export const EXPERIMENT_TEMPLATE = `apiVersion: ${CHAOS_MESH_API_VERSION}
kind: PodChaos
metadata:
  name: api-pod-failure-one
  namespace: ntai
  labels:
    app.kubernetes.io/part-of: ntai
    nt-infra.io/experiment: 'true'
  annotations:
    nt-infra.io/title: 'API pod failure (one pod)'
    nt-infra.io/description: One API pod stops answering for two minutes.
    nt-infra.io/environment: staging
    nt-infra.io/cadence: on-demand
    nt-infra.io/region: eastus
    nt-infra.io/expected-impact: The other API pods absorb the traffic; no error budget spent.
    nt-infra.io/stop-conditions: |
      - {metric: "ntai:availability:ratio_rate5m", op: "<", threshold: 0.995, for: 1m}
spec:
  action: pod-failure
  mode: one
  duration: 2m
  selector:
    namespaces: [ntai]
    labelSelectors:
      app.kubernetes.io/name: ntai-api
`;
