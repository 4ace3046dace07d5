import { z } from 'zod';
import { parse, runParams } from '../schema/requests';
import { idempotencyKeyHeader } from '../services/chaosRuns/chaosRunRequest';

/*
 * The routes' rules for what they take from headers and paths, applied to
 * the fields an action takes instead, so a 400 names the action's field.
 */

const keyInput = z.object({ idempotencyKey: idempotencyKeyHeader });
const runInput = z.object({ runId: runParams.shape.id });

/** The `Idempotency-Key` header's rule. */
export function parseIdempotencyKey(value: unknown): string | undefined {
  return parse(keyInput, { idempotencyKey: value }, 'input field')
    .idempotencyKey;
}

/** The `:id` path parameter's rule. */
export function parseRunId(value: unknown): string {
  return parse(runInput, { runId: value }, 'input field').runId;
}
