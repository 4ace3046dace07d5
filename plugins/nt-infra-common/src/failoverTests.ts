import type { z } from 'zod';
import type { failoverTestRequest, PRIMARY_CUT_METHODS } from './schema';
import { RunState } from './runs';

/*
 * The failover-test API (`/failover-tests`), shared by the backend that
 * serves it and the frontend that shows it.
 */

/**
 * How a failover test takes the primary out: its Traffic Manager endpoint
 * disabled, or its pods made unhealthy so the probes notice.
 * @public
 */
export type PrimaryCutMethod = (typeof PRIMARY_CUT_METHODS)[number];

/**
 * A measured value against its target; `pending` = still inside the target.
 * @public
 */
export type FailoverVerdict = 'passed' | 'failed' | 'pending' | 'inconclusive';

/**
 * Body of `POST /failover-tests`.
 * @public
 */
export type FailoverTestRequest = z.input<typeof failoverTestRequest>;

/**
 * `GET /failover-tests/:id`: the run as a failover test, every duration in seconds.
 * @public
 */
export interface FailoverTestView {
  id: string;
  state: RunState;
  environment: string;
  fromRegion: string;
  toRegion: string;
  method: PrimaryCutMethod;
  requestedBy: string;
  createdAt: string;
  startedAt?: string;
  endedAt?: string;
  /** The latest transition's reason: what the test is doing or why it ended. */
  reason?: string;
  abort?: { by: string; reason: string };
  cut?: { at: string; method: PrimaryCutMethod };
  restore?: { at: string; holdDownSeconds?: number };
  holdDownSeconds: number;
  targets: { rtoSeconds: number; rpoSeconds: number };
  measurements: {
    detectionSeconds?: number;
    dnsSwitchSeconds?: number;
    rtoSeconds?: number;
    rpoSeconds?: number;
    clientsConvergedBy?: string;
    failback?: {
      primaryHealthyForSeconds: number;
      trafficManagerRoutesPrimarySeconds?: number;
      dnsAnswersPrimarySeconds?: number;
      sustainedSeconds?: number;
    };
  };
  verdicts?: {
    rto: FailoverVerdict;
    rpo: FailoverVerdict;
    overall: FailoverVerdict;
  };
  /** Traffic Manager's timing formula for the profile at the cut. */
  expected?: {
    detectionWithinSeconds: number;
    dnsSwitchWithinSeconds: number;
    clientsConvergeWithinSecondsOfSwitch: number;
    usersRecoveredWithinSeconds: number;
    failbackWithinSeconds: number;
  };
  samples: {
    /** Stored so far (the reconciler writes them in batches). */
    count: number;
    afterCut?: number;
    dnsUnavailable?: number;
    trafficManagerUnavailable?: number;
  };
}
