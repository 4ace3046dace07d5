import { FailoverTestView, RunDetail } from '@internal/plugin-nt-infra-common';
import { FailoverMeasurement, measureFailover, Moment } from '../failover';
import { abortRequest } from './FailoverRunHandler';
import { FailoverRunOutcome, FailoverRunParams } from './failoverRunTypes';

export type { FailoverTestView };

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
