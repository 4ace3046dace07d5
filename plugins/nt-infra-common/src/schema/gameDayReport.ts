import { z } from 'zod';
import { PRIMARY_CUT_METHODS } from './failoverTests';

/*
 * A response, not a request: `GET /gamedays/:id/report?format=json`. The
 * frontend's type is inferred from it; the backend's report type extends the
 * inferred one, so a field renamed on either side fails a build.
 */

const seconds = z.number();
const figureSource = z.enum(['traffic', 'dns-switch-plus-ttl', 'resolver']);
const verdict = z.enum([
  'passed',
  'failed',
  'pending',
  'inconclusive',
  'not-applicable',
]);

const rto = z.object({
  seconds,
  source: figureSource,
  resolutionSeconds: seconds.optional(),
  lowerBoundSeconds: seconds.optional(),
  upperBoundSeconds: seconds.optional(),
  trafficWithinSeconds: z.tuple([seconds, seconds]).optional(),
  outsideBounds: z.boolean().optional(),
  clockUncertaintySeconds: seconds.optional(),
});

const drain = z.object({
  movedSeconds: seconds.optional(),
  source: figureSource,
  resolutionSeconds: seconds.optional(),
  lowerBoundSeconds: seconds.optional(),
  upperBoundSeconds: seconds.optional(),
  clockUncertaintySeconds: seconds.optional(),
  failedRequests: z.number().optional(),
  requests: z.number().optional(),
});

const traffic = z.object({
  query: z.string(),
  resolutionSeconds: seconds.optional(),
  errorObjective: z.number(),
  points: z.array(
    z.object({
      startSeconds: seconds,
      endSeconds: seconds,
      requests: z.number(),
      failed: z.number(),
      errorRatio: z.number().optional(),
      primaryShare: z.number().optional(),
      secondaryShare: z.number().optional(),
    }),
  ),
  error: z.string().optional(),
});

const mark = z.object({
  kind: z.enum([
    'cut',
    'detection',
    'dns-switch',
    'ttl-expiry',
    'recovery',
    'users-moved',
    'restore',
    'failback',
  ]),
  seconds,
  source: z.union([figureSource, z.enum(['traffic-manager', 'run'])]),
});

/**
 * The failover test a GameDay step ran, as its page shows it: the headline
 * RTO with its source (or the drain), verdicts, targets, the users' traffic
 * curve and the marks; the same fields as `FailoverTestView`.
 * @public
 */
export const gameDayFailover = z.object({
  method: z.enum(PRIMARY_CUT_METHODS),
  /** The regions failed over from and to (Azure names); absent in reports from before they were kept. */
  fromRegion: z.string().optional(),
  toRegion: z.string().optional(),
  /** Their display names ("East US"), as the portal's pages name them; absent in older reports. */
  fromDisplayName: z.string().optional(),
  toDisplayName: z.string().optional(),
  targets: z.object({ rtoSeconds: seconds, rpoSeconds: seconds }),
  measurements: z.object({
    detectionSeconds: seconds.optional(),
    dnsSwitchSeconds: seconds.optional(),
    rtoSeconds: seconds.optional(),
    rto: rto.optional(),
    drain: drain.optional(),
    resolverServedSeconds: seconds.optional(),
    samplingResolutionSeconds: seconds.optional(),
    rpoSeconds: seconds.optional(),
    clientsConvergedBy: z.string().optional(),
    failback: z
      .object({
        primaryHealthyForSeconds: seconds,
        trafficManagerRoutesPrimarySeconds: seconds.optional(),
        dnsAnswersPrimarySeconds: seconds.optional(),
        sustainedSeconds: seconds.optional(),
      })
      .optional(),
  }),
  verdicts: z
    .object({
      rto: verdict,
      rpo: verdict,
      drain: verdict.optional(),
      overall: verdict,
    })
    .optional(),
  traffic: traffic.optional(),
  marks: z.array(mark).optional(),
});

const note = z.object({ at: z.string(), author: z.string(), text: z.string() });

/**
 * `GET /gamedays/:id/report?format=json`: the fields every reader may rely
 * on. The backend's report carries more (step definitions, evidence,
 * transitions); parsing keeps these.
 * @public
 */
export const gameDayReport = z.object({
  gameDay: z.object({
    id: z.string(),
    title: z.string(),
    scenario: z.string(),
    environment: z.string(),
    regions: z.array(z.string()),
    requestedBy: z.string(),
    state: z.string(),
    createdAt: z.string(),
    startedAt: z.string().optional(),
    endedAt: z.string().optional(),
  }),
  outcome: z.object({
    state: z.string(),
    verdict: z.string().optional(),
    reason: z.string().optional(),
    failedSteps: z.array(z.string()),
  }),
  steps: z.array(
    z.object({
      seq: z.number().int(),
      name: z.string(),
      type: z.string(),
      state: z.string(),
      startedAt: z.string().optional(),
      endedAt: z.string().optional(),
      durationMs: z.number().optional(),
      error: z.string().optional(),
      child: z
        .object({
          id: z.string(),
          kind: z.string(),
          title: z.string(),
          state: z.string(),
          /** A failover child's outcome without its raw samples. */
          measurements: z.unknown().optional(),
          /** A failover child: the test as its page shows it. */
          failover: gameDayFailover.optional(),
        })
        .optional(),
      notes: z.array(note),
    }),
  ),
  notes: z.array(note.extend({ step: z.string() })),
});
