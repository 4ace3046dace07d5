import type { FieldCause } from '../kubernetes/K8sError';
import { parseGoDuration } from './duration';
import {
  ChaosKind,
  NETWORK_CHAOS_ACTIONS,
  NETWORK_DIRECTIONS,
  POD_CHAOS_ACTIONS,
  SELECTOR_MODES,
} from './kinds';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const LATENCY = /^[0-9]+(\.[0-9]+)?(ns|us|ms|s|m|h)$/;

/**
 * What a real cluster checks before storing a Chaos Mesh experiment: the CRD's OpenAPI schema
 * (required fields, enums, types) and Chaos Mesh's admission webhook (value per mode, Go
 * durations, stressors present …). Returns the field causes of a 422 Invalid; empty = valid.
 */
export function validateChaosSpec(
  kind: ChaosKind,
  spec: unknown,
): FieldCause[] {
  const causes: FieldCause[] = [];
  const required = (field: string) =>
    causes.push({
      reason: 'FieldValueRequired',
      message: 'Required value',
      field,
    });
  const invalid = (field: string, value: unknown, why: string) =>
    causes.push({
      reason: 'FieldValueInvalid',
      message: `Invalid value: ${JSON.stringify(value)}: ${why}`,
      field,
    });
  const unsupported = (
    field: string,
    value: unknown,
    allowed: readonly string[],
  ) =>
    causes.push({
      reason: 'FieldValueNotSupported',
      message: `Unsupported value: ${JSON.stringify(
        value,
      )}: supported values: ${allowed.map(a => `"${a}"`).join(', ')}`,
      field,
    });

  if (!isObj(spec)) {
    required('spec');
    return causes;
  }

  // Schema: common fields.
  if (spec.mode === undefined) required('spec.mode');
  else if (!SELECTOR_MODES.includes(spec.mode as never))
    unsupported('spec.mode', spec.mode, SELECTOR_MODES);
  if (spec.selector === undefined) required('spec.selector');
  else if (!isObj(spec.selector))
    invalid('spec.selector', spec.selector, 'must be of type object');
  else validateSelector(spec.selector, invalid);
  if (spec.value !== undefined && typeof spec.value !== 'string')
    invalid('spec.value', spec.value, 'must be of type string');
  if (spec.duration !== undefined) {
    if (typeof spec.duration !== 'string')
      invalid('spec.duration', spec.duration, 'must be of type string');
    else {
      const ms = parseGoDuration(spec.duration);
      if (ms === undefined)
        invalid(
          'spec.duration',
          spec.duration,
          `time: invalid duration "${spec.duration}"`,
        );
      else if (ms <= 0)
        invalid(
          'spec.duration',
          spec.duration,
          'duration should be greater than 0',
        );
    }
  }

  // Webhook: the value each mode needs.
  const value = typeof spec.value === 'string' ? spec.value : undefined;
  if (spec.mode === 'fixed') {
    if (value === undefined || !/^-?\d+$/.test(value) || Number(value) <= 0) {
      invalid(
        'spec.value',
        spec.value ?? '',
        'value must be greater than 0 with mode:fixed',
      );
    }
  } else if (
    spec.mode === 'fixed-percent' ||
    spec.mode === 'random-max-percent'
  ) {
    if (
      value === undefined ||
      !/^-?\d+$/.test(value) ||
      Number(value) < 1 ||
      Number(value) > 100
    ) {
      invalid(
        'spec.value',
        spec.value ?? '',
        `value must be an integer in 1..100 with mode:${spec.mode}`,
      );
    }
  }

  if (kind === 'PodChaos') {
    if (spec.action === undefined) required('spec.action');
    else if (!POD_CHAOS_ACTIONS.includes(spec.action as never))
      unsupported('spec.action', spec.action, POD_CHAOS_ACTIONS);
    if (
      spec.gracePeriod !== undefined &&
      !(Number.isInteger(spec.gracePeriod) && (spec.gracePeriod as number) >= 0)
    ) {
      invalid(
        'spec.gracePeriod',
        spec.gracePeriod,
        'must be a non-negative integer',
      );
    }
  } else if (kind === 'NetworkChaos') {
    if (spec.action === undefined) required('spec.action');
    else if (!NETWORK_CHAOS_ACTIONS.includes(spec.action as never))
      unsupported('spec.action', spec.action, NETWORK_CHAOS_ACTIONS);
    if (
      spec.direction !== undefined &&
      !NETWORK_DIRECTIONS.includes(spec.direction as never)
    ) {
      unsupported('spec.direction', spec.direction, NETWORK_DIRECTIONS);
    }
    if (spec.action === 'delay') {
      const delay = spec.delay;
      if (!isObj(delay) || delay.latency === undefined)
        required('spec.delay.latency');
      else if (
        typeof delay.latency !== 'string' ||
        !LATENCY.test(delay.latency)
      ) {
        invalid(
          'spec.delay.latency',
          delay.latency,
          'should match ^[0-9]+(\\.[0-9]+)?(ns|us|ms|s|m|h)$',
        );
      } else if (
        delay.jitter !== undefined &&
        (typeof delay.jitter !== 'string' || !LATENCY.test(delay.jitter))
      ) {
        invalid(
          'spec.delay.jitter',
          delay.jitter,
          'should match ^[0-9]+(\\.[0-9]+)?(ns|us|ms|s|m|h)$',
        );
      }
    }
    for (const [action, field] of [
      ['loss', 'loss'],
      ['corrupt', 'corrupt'],
      ['duplicate', 'duplicate'],
    ] as const) {
      if (spec.action !== action) continue;
      const detail = spec[action];
      if (!isObj(detail) || detail[field] === undefined)
        required(`spec.${action}.${field}`);
      else if (!isPercent(detail[field]))
        invalid(
          `spec.${action}.${field}`,
          detail[field],
          'must be a percentage string in 0..100',
        );
    }
    if (spec.action === 'bandwidth') {
      const b = spec.bandwidth;
      if (!isObj(b) || typeof b.rate !== 'string')
        required('spec.bandwidth.rate');
    }
    // Webhook: a partition or traffic "from" a target needs that target.
    if (
      (spec.direction === 'from' || spec.direction === 'both') &&
      spec.target === undefined
    ) {
      required('spec.target');
    }
  } else if (kind === 'StressChaos') {
    const s = spec.stressors;
    if (s === undefined && spec.stressngStressors === undefined) {
      causes.push({
        reason: 'FieldValueRequired',
        message: 'Required value: missing stressors',
        field: 'spec.stressors',
      });
    } else if (s !== undefined) {
      if (!isObj(s) || (s.cpu === undefined && s.memory === undefined)) {
        causes.push({
          reason: 'FieldValueRequired',
          message: 'Required value: missing stressors',
          field: 'spec.stressors',
        });
      } else {
        for (const which of ['cpu', 'memory'] as const) {
          const st = s[which];
          if (st === undefined) continue;
          if (!isObj(st) || st.workers === undefined)
            required(`spec.stressors.${which}.workers`);
          else if (
            !Number.isInteger(st.workers) ||
            (st.workers as number) <= 0
          ) {
            invalid(
              `spec.stressors.${which}.workers`,
              st.workers,
              'workers should be greater than 0',
            );
          }
          if (which === 'cpu' && isObj(st) && st.load !== undefined) {
            if (
              !Number.isInteger(st.load) ||
              (st.load as number) < 0 ||
              (st.load as number) > 100
            ) {
              invalid(
                'spec.stressors.cpu.load',
                st.load,
                'load should be in 0..100',
              );
            }
          }
        }
      }
    }
  }
  return causes;
}

function isPercent(v: unknown): boolean {
  return typeof v === 'string' && /^\d+(\.\d+)?$/.test(v) && Number(v) <= 100;
}

function validateSelector(
  selector: Obj,
  invalid: (field: string, value: unknown, why: string) => void,
) {
  if (
    selector.namespaces !== undefined &&
    (!Array.isArray(selector.namespaces) ||
      selector.namespaces.some(n => typeof n !== 'string'))
  ) {
    invalid(
      'spec.selector.namespaces',
      selector.namespaces,
      'must be a list of strings',
    );
  }
  for (const key of [
    'labelSelectors',
    'annotationSelectors',
    'fieldSelectors',
    'nodeSelectors',
  ] as const) {
    const v = selector[key];
    if (
      v !== undefined &&
      (!isObj(v) || Object.values(v).some(x => typeof x !== 'string'))
    ) {
      invalid(`spec.selector.${key}`, v, 'must be a map of strings');
    }
  }
  const pods = selector.pods;
  if (
    pods !== undefined &&
    (!isObj(pods) || Object.values(pods).some(v => !Array.isArray(v)))
  ) {
    invalid(
      'spec.selector.pods',
      pods,
      'must map namespaces to lists of pod names',
    );
  }
  const expressions = selector.expressionSelectors;
  if (expressions !== undefined) {
    if (!Array.isArray(expressions))
      invalid(
        'spec.selector.expressionSelectors',
        expressions,
        'must be a list',
      );
    else
      expressions.forEach((e, i) => {
        if (
          !isObj(e) ||
          typeof e.key !== 'string' ||
          !['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(
            String(e.operator),
          )
        ) {
          invalid(
            `spec.selector.expressionSelectors[${i}]`,
            e,
            'needs key and operator In, NotIn, Exists or DoesNotExist',
          );
        }
      });
  }
}
