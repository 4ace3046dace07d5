import { RunDetail, RunState } from '@internal/plugin-nt-infra-common';
import {
  FailoverMeasurement,
  measureFailover,
  Moment,
  PrimaryCutMethod,
  Verdict,
} from '../failover';
import { abortRequest } from './FailoverRunHandler';
import { FailoverRunOutcome, FailoverRunParams } from './failoverRunTypes';

/** `GET /failover-tests/:id`: the run as a failover test, every duration in seconds. */
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
  verdicts?: { rto: Verdict; rpo: Verdict; overall: Verdict };
  /** Traffic Manager's timing formula for the profile as it was at the cut. */
  expected?: FailoverMeasurement['expected'];
  samples: {
    /** Stored so far (the reconciler writes them in batches). */
    count: number;
    afterCut?: number;
    dnsUnavailable?: number;
    trafficManagerUnavailable?: number;
  };
}

const seconds = (m?: Moment) => m && Number(m.seconds.toFixed(3));

export function failoverTestView(run: RunDetail): FailoverTestView {
  const params = run.params as unknown as FailoverRunParams;
  const outcome = (run.outcome ?? {}) as FailoverRunOutcome;
  const samples = outcome.samples ?? [];
  const restore =
    outcome.restore && !outcome.restore.pending
      ? {
          at: outcome.restore.at,
          holdDownSeconds: outcome.restore.holdDownSeconds,
        }
      : undefined;
  // The stored final measurement once the run ended; a live one before.
  const m: FailoverMeasurement | undefined =
    outcome.measurement ??
    (outcome.cut && outcome.timing
      ? measureFailover({
          cut: outcome.cut,
          timing: outcome.timing,
          samples,
          replicationLag: outcome.replicationLag,
          restore,
          options: {
            sustainedSuccesses: params.sustainedSuccesses,
            rtoTargetSeconds: params.rtoTargetSeconds,
            rpoTargetSeconds: params.rpoTargetSeconds,
          },
        })
      : undefined);
  const last = run.transitions[run.transitions.length - 1];
  return {
    id: run.id,
    state: run.state,
    environment: run.environment,
    fromRegion: params.target.primary.region,
    toRegion: params.target.secondary.region,
    method: params.method,
    requestedBy: run.requestedBy,
    createdAt: run.createdAt,
    startedAt: run.startedAt,
    endedAt: run.endedAt,
    reason: last?.reason,
    abort: abortRequest(run),
    cut: outcome.cut,
    restore,
    holdDownSeconds: params.holdDownSeconds,
    targets: {
      rtoSeconds: params.rtoTargetSeconds,
      rpoSeconds: params.rpoTargetSeconds,
    },
    measurements: {
      detectionSeconds: seconds(m?.detection),
      dnsSwitchSeconds: seconds(m?.dnsSwitch),
      rtoSeconds: seconds(m?.rto),
      rpoSeconds: m?.rpo?.seconds,
      clientsConvergedBy: m?.clientsConvergedBy,
      failback: m?.failback && {
        primaryHealthyForSeconds: m.failback.primaryHealthyForSeconds,
        trafficManagerRoutesPrimarySeconds: seconds(
          m.failback.trafficManagerRoutesPrimary,
        ),
        dnsAnswersPrimarySeconds: seconds(m.failback.dnsAnswersPrimary),
        sustainedSeconds: seconds(m.failback.sustained),
      },
    },
    verdicts: m?.verdicts,
    expected: m?.expected,
    samples: {
      count: samples.length,
      afterCut: m?.samples.afterCut,
      dnsUnavailable: m?.samples.dnsUnavailable,
      trafficManagerUnavailable: m?.samples.trafficManagerUnavailable,
    },
  };
}
