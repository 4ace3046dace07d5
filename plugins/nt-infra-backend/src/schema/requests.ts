import { InputError } from '@backstage/errors';
import { z } from 'zod';

// The request schemas are the contract's (plugins/nt-infra-common/src/schema);
// this module adds how the backend turns a refusal into a 400.
export {
  auditQuery,
  environmentQuery,
  hasPollutingKey,
  isCalendarDate,
  noPollutingKeys,
  noQuery,
  runParams,
  runsQuery,
  SLI_RANGES_MINUTES,
  sliSeriesParams,
  sliSeriesQuery,
} from '@internal/plugin-nt-infra-common';

/** Validates request input; the 400 names the offending field. */
export function parse<T>(
  schema: z.ZodType<T>,
  value: unknown,
  where: string,
): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    // A misspelt parameter is named before the required one it was meant to be.
    const issue =
      result.error.issues.find(i => i.code === 'unrecognized_keys') ??
      result.error.issues[0];
    const field =
      issue.code === 'unrecognized_keys'
        ? issue.keys.join(', ')
        : issue.path.join('.') ||
          (where.includes('body') ? '(body)' : '(value)');
    throw new InputError(`Invalid ${where} '${field}': ${issue.message}`);
  }
  return result.data;
}

/** Validates one request header; the 400 names the header, e.g. `Idempotency-Key`. */
export function parseHeader<T>(
  schema: z.ZodType<T>,
  req: { header(name: string): string | undefined },
  name: string,
): T {
  return parse(
    z.object({ [name]: schema }),
    { [name]: req.header(name) },
    'header',
  )[name] as T;
}
