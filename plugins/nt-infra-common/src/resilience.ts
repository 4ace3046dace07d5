import type { z } from 'zod';
import type {
  RESILIENCE_FAILURE_MODES,
  resilienceEvidence,
  resilienceQuery,
  resilienceReason,
  resilienceScore,
  resilienceScoresResponse,
  resilienceTrendPoint,
} from './schema';

/** @public */
export type ResilienceFailureMode = (typeof RESILIENCE_FAILURE_MODES)[number];
/** @public */
export type ResilienceQuery = z.input<typeof resilienceQuery>;
/** @public */
export type ResilienceEvidence = z.infer<typeof resilienceEvidence>;
/** @public */
export type ResilienceReason = z.infer<typeof resilienceReason>;
/** @public */
export type ResilienceTrendPoint = z.infer<typeof resilienceTrendPoint>;
/** @public */
export type ResilienceScore = z.infer<typeof resilienceScore>;
/** @public */
export type ResilienceScoresResponse = z.infer<typeof resilienceScoresResponse>;
