import { parseYamlDocuments } from '../util/yaml';
import { isRecord } from '../util/files';
import { isGoDuration } from './duration';

export const ANNOTATION_PREFIX = 'nt-infra.io/';
export const ENVIRONMENTS = ['staging', 'production'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

export interface StopCondition {
  metric: string;
  op: '>' | '>=' | '<' | '<=';
  threshold: number;
  for: string;
}

/** The portal-facing description of an experiment, from its `nt-infra.io/` annotations. */
export interface ExperimentMetadata {
  title: string;
  description: string;
  environment: Environment;
  expectedImpact: string;
  stopConditions: StopCondition[];
  cadence?: 'on-demand' | 'daily' | 'weekly' | 'monthly';
  region?: 'eastus' | 'westus';
}

const OPS = new Set(['>', '>=', '<', '<=']);
const CADENCES = new Set(['on-demand', 'daily', 'weekly', 'monthly']);
const REGIONS = new Set(['eastus', 'westus']);

/**
 * Reads and checks the metadata annotations. `knownMetrics` are the recording rules a stop
 * condition may name; pass undefined to skip that cross-check.
 */
export function parseExperimentMetadata(
  resource: Record<string, unknown>,
  knownMetrics?: Set<string>,
): { metadata?: ExperimentMetadata; errors: string[] } {
  const errors: string[] = [];
  const meta = isRecord(resource.metadata) ? resource.metadata : {};
  const annotations = isRecord(meta.annotations)
    ? (meta.annotations as Record<string, unknown>)
    : {};
  const text = (key: string): string => {
    const v = annotations[ANNOTATION_PREFIX + key];
    if (typeof v !== 'string' || v.trim() === '') {
      errors.push(`annotation ${ANNOTATION_PREFIX}${key} is required`);
      return '';
    }
    return v.trim();
  };
  const title = text('title');
  const description = text('description');
  const expectedImpact = text('expected-impact');
  const environment = text('environment');
  if (
    environment &&
    !(ENVIRONMENTS as readonly string[]).includes(environment)
  ) {
    errors.push(
      `annotation ${ANNOTATION_PREFIX}environment must be staging or production (got "${environment}")`,
    );
  }
  const cadence = annotations[`${ANNOTATION_PREFIX}cadence`];
  if (cadence !== undefined && !CADENCES.has(String(cadence))) {
    errors.push(
      `annotation ${ANNOTATION_PREFIX}cadence must be one of ${[
        ...CADENCES,
      ].join(', ')}`,
    );
  }
  const region = annotations[`${ANNOTATION_PREFIX}region`];
  if (region !== undefined && !REGIONS.has(String(region))) {
    errors.push(
      `annotation ${ANNOTATION_PREFIX}region must be eastus or westus`,
    );
  }
  const stopConditions = parseStopConditions(
    text('stop-conditions'),
    knownMetrics,
    errors,
  );
  if (errors.length > 0) {
    return { errors };
  }
  return {
    errors,
    metadata: {
      title,
      description,
      environment: environment as Environment,
      expectedImpact,
      stopConditions,
      cadence: cadence as ExperimentMetadata['cadence'],
      region: region as ExperimentMetadata['region'],
    },
  };
}

function parseStopConditions(
  raw: string,
  knownMetrics: Set<string> | undefined,
  errors: string[],
): StopCondition[] {
  if (!raw) {
    return [];
  }
  const key = `annotation ${ANNOTATION_PREFIX}stop-conditions`;
  const parsed = parseYamlDocuments(raw);
  const list = parsed.documents[0];
  if (parsed.errors.length > 0 || !Array.isArray(list) || list.length === 0) {
    errors.push(
      `${key} must be a non-empty YAML list of {metric, op, threshold, for}`,
    );
    return [];
  }
  const out: StopCondition[] = [];
  list.forEach((item, i) => {
    const at = `${key}[${i}]`;
    if (!isRecord(item)) {
      errors.push(`${at} must be a mapping`);
      return;
    }
    const unknown = Object.keys(item).filter(
      k => !['metric', 'op', 'threshold', 'for'].includes(k),
    );
    if (unknown.length > 0)
      errors.push(`${at}: unknown field(s) ${unknown.join(', ')}`);
    if (typeof item.metric !== 'string')
      errors.push(`${at}.metric must be a recording rule name`);
    else if (knownMetrics && !knownMetrics.has(item.metric))
      errors.push(
        `${at}.metric "${item.metric}" is not a recording rule in monitoring/prometheus/rules`,
      );
    if (!OPS.has(String(item.op)))
      errors.push(`${at}.op must be one of > >= < <=`);
    if (typeof item.threshold !== 'number' || !Number.isFinite(item.threshold))
      errors.push(`${at}.threshold must be a number`);
    if (!isGoDuration(item.for))
      errors.push(`${at}.for must be a duration such as 1m`);
    out.push(item as unknown as StopCondition);
  });
  return out;
}
