import Ajv, { ValidateFunction } from 'ajv';
import common from './schemas/common.schema.json';
import networkchaos from './schemas/networkchaos.schema.json';
import podchaos from './schemas/podchaos.schema.json';
import schedule from './schemas/schedule.schema.json';
import stresschaos from './schemas/stresschaos.schema.json';
import workflow from './schemas/workflow.schema.json';

/** Chaos Mesh kinds the experiment library may contain, with their schema file. */
export const CHAOS_KINDS = {
  PodChaos: 'podchaos',
  NetworkChaos: 'networkchaos',
  StressChaos: 'stresschaos',
  Schedule: 'schedule',
  Workflow: 'workflow',
} as const;

export type ChaosKind = keyof typeof CHAOS_KINDS;

export type SchemaSet = Record<string, Record<string, unknown>>;

/**
 * Our JSON schemas keyed by file name without `.schema.json`. Imported rather than read from
 * disk so they travel inside the bundle of any backend that uses this package.
 */
export const CHAOS_SCHEMAS: SchemaSet = {
  common,
  podchaos,
  networkchaos,
  stresschaos,
  schedule,
  workflow,
};

export function loadSchema(
  name: string,
  schemas: SchemaSet = CHAOS_SCHEMAS,
): Record<string, unknown> {
  const schema = schemas[name];
  if (!schema) {
    throw new Error(`no chaos schema named ${name}`);
  }
  return schema;
}

let validators: Map<ChaosKind, ValidateFunction> | undefined;

/** Compiled validators per kind; compiled once per process. */
export function chaosValidators(): Map<ChaosKind, ValidateFunction> {
  if (!validators) {
    const ajv = new Ajv({ allErrors: true, strict: true });
    ajv.addSchema(loadSchema('common'));
    validators = new Map(
      (Object.keys(CHAOS_KINDS) as ChaosKind[]).map(kind => [
        kind,
        ajv.compile(loadSchema(CHAOS_KINDS[kind])),
      ]),
    );
  }
  return validators;
}

export function isChaosKind(kind: unknown): kind is ChaosKind {
  return typeof kind === 'string' && kind in CHAOS_KINDS;
}

/** Schema errors of one resource as readable strings (empty when valid). */
export function schemaErrors(kind: ChaosKind, resource: unknown): string[] {
  const validate = chaosValidators().get(kind)!;
  if (validate(resource)) {
    return [];
  }
  return (validate.errors ?? []).map(e => {
    const where = e.instancePath || '/';
    if (e.keyword === 'additionalProperties') {
      return `${where}: unknown field "${
        (e.params as { additionalProperty: string }).additionalProperty
      }"`;
    }
    return `${where}: ${e.message}`;
  });
}
