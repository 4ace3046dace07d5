import { z } from 'zod';

/*
 * The building blocks every request schema shares. Each is declared here once;
 * the backend's routes and actions, the config readers and the frontend's
 * forms take them from this module.
 */

/** The environments the portal operates. @public */
export const ENVIRONMENT_NAMES = ['staging', 'production'] as const;

/** @public */
export const environmentName = z.enum(ENVIRONMENT_NAMES);

/** An Azure region name as the portal accepts it, e.g. `eastus`. @public */
export const REGION_NAME_PATTERN = /^[a-z0-9-]{1,64}$/;

/** @public */
export const regionName = z
  .string()
  .regex(REGION_NAME_PATTERN, 'expected an Azure region name');

/** A catalog entity ref, e.g. `component:default/ntai-api`. @public */
export const ENTITY_REF_PATTERN = /^[a-z]+:[a-z0-9-_.]+\/[a-z0-9-_.]+$/i;

/** Path parameters of `/runs/:id` and every route under it. @public */
export const runParams = z.object({ id: z.string().uuid('expected a run id') });

/**
 * Whether an ISO 8601 text's date exists: `Date.parse` rolls 2030-02-30 over
 * to March 2 instead of refusing it.
 * @public
 */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!m) return true;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** An ISO 8601 instant whose date exists (query bounds). @public */
export const isoInstant = z
  .string()
  .max(40)
  .refine(
    v => !Number.isNaN(Date.parse(v)) && isCalendarDate(v),
    'expected an ISO 8601 instant',
  );

const POLLUTING_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Whether a JSON value carries a key that would reach a prototype if it were
 * merged. zod drops `__proto__` silently from the objects it builds, so
 * free-form input (templates, manifests) is checked as received.
 * @public
 */
export function hasPollutingKey(value: unknown, depth = 0): boolean {
  if (typeof value !== 'object' || value === null || depth > 64) {
    return depth > 64;
  }
  return Object.keys(value).some(
    key =>
      POLLUTING_KEYS.has(key) ||
      hasPollutingKey((value as Record<string, unknown>)[key], depth + 1),
  );
}

/**
 * Free-form JSON objects (templates, manifests): no `__proto__`,
 * `constructor` or `prototype` keys at any depth.
 * @public
 */
export const noPollutingKeys = z.custom<unknown>(
  v => !hasPollutingKey(v),
  'must not contain the keys __proto__, constructor or prototype',
);

/**
 * `Idempotency-Key` header: the same key and body from the same user give
 * the same run.
 * @public
 */
export const idempotencyKeyHeader = z
  .string()
  .regex(
    /^[A-Za-z0-9_.:-]{1,128}$/,
    'expected 1-128 characters of A-Z a-z 0-9 _ . : -',
  )
  .optional();
