import {
  ChaosRunRequest,
  ChaosTemplateType,
  StopCondition,
} from '@internal/plugin-nt-infra-common';

/** A template form's values as typed: strings, converted on submit. */
export type TemplateDraft = Record<string, string>;

export interface TemplateField {
  key: string;
  label: string;
  /** Shown under the field. */
  hint?: string;
  /** For the database throttle: only when the throttle type matches. */
  when?: { key: string; value: string };
  options?: Array<{ value: string; label: string }>;
}

export const TEMPLATE_LABELS: Record<ChaosTemplateType, string> = {
  'pod-failure': 'Pod failure',
  'network-latency': 'Network latency',
  'cpu-stress': 'CPU stress',
  'memory-stress': 'Memory stress',
  'database-throttling': 'Database throttling',
};

/** The fields each template adds to workload, duration, mode and stop conditions. */
export const TEMPLATE_FIELDS: Record<ChaosTemplateType, TemplateField[]> = {
  'pod-failure': [],
  'network-latency': [
    { key: 'latencyMs', label: 'Latency (ms)' },
    { key: 'jitterMs', label: 'Jitter (ms)' },
    { key: 'correlation', label: 'Correlation (%)' },
  ],
  'cpu-stress': [
    { key: 'workers', label: 'Workers' },
    { key: 'load', label: 'Load per worker (%)' },
  ],
  'memory-stress': [
    { key: 'workers', label: 'Workers' },
    { key: 'sizeMb', label: 'Size per worker (MB)' },
  ],
  'database-throttling': [
    {
      key: 'database',
      label: 'Database hosts',
      hint: 'Host names or IPv4/CIDR, comma separated',
    },
    {
      key: 'throttleType',
      label: 'Throttle',
      options: [
        { value: 'delay', label: 'Delay' },
        { value: 'bandwidth', label: 'Bandwidth' },
      ],
    },
    {
      key: 'latencyMs',
      label: 'Latency (ms)',
      when: { key: 'throttleType', value: 'delay' },
    },
    {
      key: 'rateKbit',
      label: 'Rate (kbit/s)',
      when: { key: 'throttleType', value: 'bandwidth' },
    },
  ],
};

export const MODES = [
  { value: 'fixed-percent', label: 'Fixed percent of pods' },
  { value: 'fixed', label: 'Fixed number of pods' },
  { value: 'random-max-percent', label: 'Random, up to percent' },
  { value: 'one', label: 'One pod' },
  { value: 'all', label: 'All pods' },
] as const;

/** Starting values that pass the production policy's 10 % rule on a large deployment. */
export const DEFAULT_DRAFT: TemplateDraft = {
  namespace: 'ntai',
  name: 'ntai-api',
  duration: '2m',
  mode: 'fixed-percent',
  value: '10',
  latencyMs: '200',
  jitterMs: '0',
  correlation: '0',
  workers: '1',
  load: '80',
  sizeMb: '256',
  database: '',
  throttleType: 'delay',
  rateKbit: '1000',
};

export const DEFAULT_STOP_CONDITION: StopCondition = {
  metric: 'ntai:availability:ratio_rate5m',
  op: '<',
  threshold: 0.99,
  for: '1m',
};

/** A number from a field; NaN is left for the server to name the field. */
const num = (v: string | undefined) =>
  v === undefined || v === '' ? undefined : Number(v);

/**
 * The `template` of a ChaosRunRequest from the form. Only shape is decided
 * here; the ranges and rules are the server's (its 400 names the field),
 * so the two never disagree.
 */
export function buildTemplate(
  type: ChaosTemplateType,
  draft: TemplateDraft,
  stopConditions: StopCondition[],
): NonNullable<ChaosRunRequest['template']> {
  const mode = draft.mode;
  const common = {
    type,
    workload: { namespace: draft.namespace.trim(), name: draft.name.trim() },
    duration: draft.duration.trim(),
    mode,
    ...(mode === 'one' || mode === 'all' ? {} : { value: num(draft.value) }),
    stopConditions,
  };
  switch (type) {
    case 'network-latency':
      return {
        ...common,
        latencyMs: num(draft.latencyMs),
        jitterMs: num(draft.jitterMs) ?? 0,
        correlation: num(draft.correlation) ?? 0,
      };
    case 'cpu-stress':
      return { ...common, workers: num(draft.workers), load: num(draft.load) };
    case 'memory-stress':
      return {
        ...common,
        workers: num(draft.workers),
        sizeMb: num(draft.sizeMb),
      };
    case 'database-throttling':
      return {
        ...common,
        database: draft.database
          .split(',')
          .map(s => s.trim())
          .filter(Boolean),
        throttle:
          draft.throttleType === 'bandwidth'
            ? { type: 'bandwidth', rateKbit: num(draft.rateKbit) }
            : { type: 'delay', latencyMs: num(draft.latencyMs), jitterMs: 0 },
      };
    default:
      return common;
  }
}
