import fs from 'fs';
import path from 'path';
import { Workload } from '../kustomize/objects';
import { listFiles, relativeTo, isRecord } from '../util/files';
import { parseYamlDocuments } from '../util/yaml';
import { Problem } from '../types';
import {
  Environment,
  ExperimentMetadata,
  parseExperimentMetadata,
} from './metadata';
import { policyErrors } from './policy';
import { isChaosKind, schemaErrors } from './schemas';
import { webhookErrors } from './webhook';

export const CHAOS_LIBRARY_DIR = 'kubernetes/chaos-experiments';

/** Folders whose experiments must declare a given environment. */
const FOLDER_ENVIRONMENT: Record<string, Environment> = {
  staging: 'staging',
  schedules: 'staging',
  production: 'production',
};

export interface ChaosContext {
  /** Workloads of each environment's overlay (for selectors and blast radius). */
  workloads: Record<Environment, Workload[]>;
  /** Recording rule names stop conditions may use; undefined skips that check. */
  recordingRules?: Set<string>;
}

export interface Experiment {
  file: string;
  kind: string;
  name: string;
  metadata: ExperimentMetadata;
  resource: Record<string, unknown>;
}

/**
 * Validates one experiment resource (as read from the library or proposed in a GitOps edit)
 * with every check CI runs. Returns the messages; empty means valid.
 */
export function validateExperiment(
  resource: unknown,
  context: ChaosContext,
): { errors: string[]; metadata?: ExperimentMetadata } {
  if (!isRecord(resource) || !isChaosKind(resource.kind)) {
    return {
      errors: [
        `unsupported kind ${
          isRecord(resource) ? JSON.stringify(resource.kind) : typeof resource
        }; expected PodChaos, NetworkChaos, StressChaos, Schedule or Workflow`,
      ],
    };
  }
  const errors = schemaErrors(resource.kind, resource);
  if (errors.length > 0) {
    // Later checks assume the shape the schema guarantees.
    return { errors };
  }
  errors.push(...webhookErrors(resource));
  const { metadata, errors: metaErrors } = parseExperimentMetadata(
    resource,
    context.recordingRules,
  );
  errors.push(...metaErrors);
  if (metadata) {
    errors.push(
      ...policyErrors(
        resource,
        metadata.environment,
        context.workloads[metadata.environment],
      ),
    );
  }
  return { errors, metadata };
}

/** Reads and validates the whole experiment library under `<repoRoot>/kubernetes/chaos-experiments`. */
export function validateChaosLibrary(
  repoRoot: string,
  context: ChaosContext,
): { problems: Problem[]; experiments: Experiment[] } {
  const problems: Problem[] = [];
  const experiments: Experiment[] = [];
  const dir = path.join(repoRoot, CHAOS_LIBRARY_DIR);
  const seen = new Map<string, string>();
  const files = listFiles(dir, n => n.endsWith('.yaml') || n.endsWith('.yml'));
  if (files.length === 0) {
    problems.push({ file: CHAOS_LIBRARY_DIR, message: 'no experiments found' });
  }
  for (const file of files) {
    const rel = relativeTo(repoRoot, file);
    const { documents, errors } = parseYamlDocuments(
      fs.readFileSync(file, 'utf8'),
    );
    errors.forEach(message =>
      problems.push({ file: rel, message: `YAML: ${message}` }),
    );
    for (const doc of documents) {
      const result = validateExperiment(doc, context);
      result.errors.forEach(message => problems.push({ file: rel, message }));
      if (!result.metadata || !isRecord(doc) || !isRecord(doc.metadata)) {
        continue;
      }
      const folder = relativeTo(dir, file).split('/')[0];
      const expected = FOLDER_ENVIRONMENT[folder];
      if (expected && expected !== result.metadata.environment) {
        problems.push({
          file: rel,
          message: `experiments in ${folder}/ must be ${expected} experiments`,
        });
      }
      const key = `${String(doc.kind)}/${String(
        doc.metadata.namespace,
      )}/${String(doc.metadata.name)}`;
      if (seen.has(key)) {
        problems.push({
          file: rel,
          message: `${key} is also defined in ${seen.get(key)}`,
        });
      }
      seen.set(key, rel);
      experiments.push({
        file: rel,
        kind: String(doc.kind),
        name: String(doc.metadata.name),
        metadata: result.metadata,
        resource: doc,
      });
    }
  }
  return { problems, experiments };
}
