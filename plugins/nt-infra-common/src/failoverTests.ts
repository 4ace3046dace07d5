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
export type FailoverVerdict =
  | 'passed'
  | 'failed'
  | 'pending'
  | 'inconclusive'
  | 'not-applicable';

/**
 * Where a headline figure came from:
 * - `traffic`: the users' request counters in Prometheus (`http_requests_total`
 *   by region and code), at the scrape resolution, narrowed by the portal's
 *   own DNS view where that is tighter;
 * - `dns-switch-plus-ttl`: the counters could not be read; the portal's DNS
 *   switch plus the TTL, the latest a client honouring the TTL can recover;
 * - `resolver`: a test stored before the traffic measurement existed: the
 *   portal's own uncached resolver, which sees nothing of the clients' caches.
 * @public
 */
export type FailoverFigureSource =
  | 'traffic'
  | 'dns-switch-plus-ttl'
  | 'resolver';

/**
 * The headline RTO of an unhealthy-region test: from the cut until the share of
 * user requests that fail is back under the SLO's error objective, and stays there.
 * @public
 */
export interface FailoverRto {
  seconds: number;
  source: FailoverFigureSource;
  /** How finely the source can place the moment (the scrape interval of the counters). */
  resolutionSeconds?: number;
  /** What the portal sees directly: users cannot be back before the DNS switch, */
  lowerBoundSeconds?: number;
  /** nor later than switch + TTL if their resolvers honour the TTL. */
  upperBoundSeconds?: number;
  /** The counters' own bracket: the last interval whose error ratio was over the objective. */
  trafficWithinSeconds?: [number, number];
  /** The counters said users recovered outside what DNS allows (a resolver ignoring the TTL, a failing secondary). */
  outsideBounds?: boolean;
  /**
   * How far the counters' times may sit from the DNS view's: half the round
   * trip of the reads that set Prometheus' clock against the backend's. A
   * bracket within this of the bounds is not called outside them.
   */
  clockUncertaintySeconds?: number;
}

/**
 * A planned drain (endpoint disabled): nobody should be down, so no RTO verdict;
 * what it shows is when the users had moved and whether any request failed.
 * @public
 */
export interface FailoverDrain {
  /** When the primary's share of user requests fell to the steady state (≤ the error objective) for good. */
  movedSeconds?: number;
  source: FailoverFigureSource;
  resolutionSeconds?: number;
  lowerBoundSeconds?: number;
  upperBoundSeconds?: number;
  /** As for the RTO: how far the counters' times may sit from the DNS view's. */
  clockUncertaintySeconds?: number;
  /** User requests that failed from the cut until the users had moved (should be 0). */
  failedRequests?: number;
  requests?: number;
}

/**
 * One interval between two scrapes of the user request counters, seconds after the cut
 * (the backend's clock).
 * @public
 */
export interface FailoverTrafficPoint {
  startSeconds: number;
  endSeconds: number;
  requests: number;
  failed: number;
  /** Failed / requests (undefined without requests). */
  errorRatio?: number;
  /** Share of user requests served by each region. */
  primaryShare?: number;
  secondaryShare?: number;
}

/**
 * The users' side of a failover test, from Prometheus.
 * @public
 */
export interface FailoverTraffic {
  /** The selector read (raw samples of the counters). */
  query: string;
  resolutionSeconds?: number;
  /** The SLO's error objective (1 - availability objective). */
  errorObjective: number;
  points: FailoverTrafficPoint[];
  /** Why the counters could not be used, when they could not. */
  error?: string;
}

/**
 * A mark on the failover test's time axis, seconds after the cut.
 * @public
 */
export interface FailoverMark {
  kind:
    | 'cut'
    | 'detection'
    | 'dns-switch'
    | 'ttl-expiry'
    | 'recovery'
    | 'users-moved'
    | 'restore'
    | 'failback';
  seconds: number;
  source: FailoverFigureSource | 'traffic-manager' | 'run';
}

/**
 * The hold-down under way: the primary must stay healthy in every sample for
 * `requiredSeconds` before its endpoint is enabled again.
 * @public
 */
export interface FailoverHoldDown {
  requiredSeconds: number;
  /** Start of the primary's unbroken healthy stretch in the stored samples. */
  healthySince?: string;
  /**
   * When the hold-down passes if the primary stays healthy (`healthySince`
   * plus `requiredSeconds`); absent while the primary is not healthy.
   */
  endsAt?: string;
  /** Why the countdown is not running (the primary's latest sample is unhealthy). */
  reason?: string;
}

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
  /**
   * While a drained primary is held out before it is given back (`stopping`,
   * disable-endpoint method, not yet restored): how far the hold-down is.
   */
  holdDown?: FailoverHoldDown;
  targets: { rtoSeconds: number; rpoSeconds: number };
  measurements: {
    detectionSeconds?: number;
    dnsSwitchSeconds?: number;
    /** The headline RTO's seconds (unhealthy method only); `rto` says where it came from. */
    rtoSeconds?: number;
    rto?: FailoverRto;
    /** Disable-endpoint method: the drain instead of an RTO. */
    drain?: FailoverDrain;
    /** The portal's uncached resolver: first sustained success on the secondary (a phase, not the RTO). */
    resolverServedSeconds?: number;
    /** Median gap between the portal's samples of Traffic Manager and DNS. */
    samplingResolutionSeconds?: number;
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
    /** `not-applicable` for a planned drain: nobody was meant to be down. */
    rto: FailoverVerdict;
    rpo: FailoverVerdict;
    /** Disable-endpoint method: no user request failed beyond the error objective. */
    drain?: FailoverVerdict;
    overall: FailoverVerdict;
  };
  /** The users' request counters around the cut: shares by region and the error ratio. */
  traffic?: FailoverTraffic;
  /** Cut, detection, DNS switch, TTL expiry, recovery, failback on one time axis. */
  marks?: FailoverMark[];
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
