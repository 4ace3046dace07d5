import { InputError } from '@backstage/errors';
import { z } from 'zod';

// The request schemas are the contract's (plugins/nt-infra-common/src/schema).
export {
  cancelBody,
  createWindowBody,
  decisionBody,
  listWindowsQuery,
  windowParams,
} from '@internal/plugin-nt-infra-common';

/**
 * Validates request input; the 400 names the offending field by its full
 * path (`limits.regions.0`, or `limits.foo` for an unknown nested field).
 */
export function parseInput<T>(
  schema: z.ZodType<T>,
  value: unknown,
  where: 'field' | 'query parameter' | 'path parameter',
): T {
  const result = schema.safeParse(value);
  if (result.success) {
    return result.data;
  }
  const issue = result.error.issues[0];
  const path = issue.path.map(String);
  const field =
    issue.code === 'unrecognized_keys'
      ? issue.keys.map(k => [...path, k].join('.')).join(', ')
      : path.join('.') || '(body)';
  throw new InputError(`Invalid ${where} '${field}': ${issue.message}`);
}
