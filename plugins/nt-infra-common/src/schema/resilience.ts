import { z } from 'zod';
import { ENTITY_REF_PATTERN } from './primitives';

/*
 * The resilience score's contract: the query of `GET /resilience/scores` and
 * the response the backend builds and the frontend reads (its types are
 * inferred below, `resilience.ts`).
 */

/** The failure modes the score asks to have been exercised. @public */
export const RESILIENCE_FAILURE_MODES = [
  'pod',
  'network',
  'stress',
  'region-failover',
] as const;

/** How many entities one request may score (one catalog table page and more). @public */
export const MAX_RESILIENCE_ENTITIES = 100;

/** How many weeks of trend a request may ask for. @public */
export const MAX_RESILIENCE_WEEKS = 26;

const entityRef = z
  .string()
  .max(512)
  .regex(
    ENTITY_REF_PATTERN,
    'expected an entity ref like component:default/name',
  );

/**
 * Query of `GET /resilience/scores`: `entityRef` once per entity (one request
 * for a whole catalog table page), `weeks` of trend.
 * @public
 */
export const resilienceQuery = z
  .object({
    entityRef: z
      .union([
        entityRef,
        z.array(entityRef).min(1).max(MAX_RESILIENCE_ENTITIES),
      ])
      .transform(v => (Array.isArray(v) ? v : [v])),
    weeks: z.coerce.number().int().min(1).max(MAX_RESILIENCE_WEEKS).default(8),
  })
  .strict();

/** A run that is evidence for a contribution. @public */
export const resilienceEvidence = z.object({
  runId: z.string(),
  kind: z.enum(['chaos', 'failover', 'gameday']),
  title: z.string(),
  state: z.string(),
  /** When the run ended (ISO 8601). */
  at: z.string(),
  /** What this run says for the contribution, e.g. "RTO 42 s (target 300 s)". */
  note: z.string().optional(),
});

/** One contribution to the score: what it is worth, what it got, and why. @public */
export const resilienceReason = z.object({
  id: z.string(),
  label: z.string(),
  points: z.number(),
  maxPoints: z.number(),
  /** How this contribution was decided, in a sentence. */
  explanation: z.string(),
  /** Why the weight is what it is. */
  weightReason: z.string(),
  evidence: z.array(resilienceEvidence),
});

/** The score at the end of one week, computed from the history as it stood then. @public */
export const resilienceTrendPoint = z.object({
  /** End of the week (ISO 8601). */
  at: z.string(),
  score: z.number(),
});

/** One entity's score. @public */
export const resilienceScore = z.object({
  entityRef: z.string(),
  score: z.number().min(0).max(100),
  /** When it was computed; the 30-day window ends here. */
  asOf: z.string(),
  windowDays: z.number(),
  reasons: z.array(resilienceReason),
  /** Oldest first; the last point is the current score. */
  trend: z.array(resilienceTrendPoint),
});

/** Response of `GET /resilience/scores`. @public */
export const resilienceScoresResponse = z.object({
  items: z.array(resilienceScore),
  /** Requested entities the catalog does not know (or does not show the caller). */
  notFound: z.array(z.string()),
});
