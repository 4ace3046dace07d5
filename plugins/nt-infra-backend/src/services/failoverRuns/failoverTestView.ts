import {
  FailoverMark,
  FailoverRto,
  FailoverTestView,
  RunDetail,
} from '@internal/plugin-nt-infra-common';
import { FailoverMeasurement, measureFailover, Moment } from '../failover';
import { abortRequest } from './FailoverRunHandler';
import { FailoverRunOutcome, FailoverRunParams } from './failoverRunTypes';
import { holdDownView } from './holdDownView';

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
          cutAnchor: outcome.cutAnchor,
          traffic: outcome.traffic,
          options: {
            sustainedSuccesses: params.sustainedSuccesses,
            rtoTargetSeconds: params.rtoTargetSeconds,
            rpoTargetSeconds: params.rpoTargetSeconds,
          },
        })
      : undefined);
  const last = run.transitions[run.transitions.length - 1];
  const rto = headlineRto(m, params.method);
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
    holdDown: holdDownView(run, params, outcome),
    targets: {
      rtoSeconds: params.rtoTargetSeconds,
      rpoSeconds: params.rpoTargetSeconds,
    },
    measurements: {
      detectionSeconds: seconds(m?.detection),
      dnsSwitchSeconds: seconds(m?.dnsSwitch),
      rtoSeconds: rto?.seconds,
      rto,
      drain: m?.drain,
      resolverServedSeconds: seconds(m?.resolverServed),
      samplingResolutionSeconds: m?.samplingResolutionSeconds,
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
    verdicts: m?.verdicts && {
      ...m.verdicts,
      // Stored before drains had their own verdict: a drain has no RTO one.
      rto:
        params.method === 'disable-endpoint'
          ? 'not-applicable'
          : m.verdicts.rto,
    },
    expected: m?.expected,
    traffic: m?.traffic,
    marks: m && marksOf(m, rto, outcome.timing?.ttlSeconds),
    samples: {
      count: samples.length,
      afterCut: m?.samples.afterCut,
      dnsUnavailable: m?.samples.dnsUnavailable,
      trafficManagerUnavailable: m?.samples.trafficManagerUnavailable,
    },
  };
}

/**
 * The headline RTO. Tests stored before the users' traffic was measured kept
 * the resolver's view as their RTO: shown as such, never as the users'.
 */
function headlineRto(
  m: FailoverMeasurement | undefined,
  method: FailoverRunParams['method'],
): FailoverRto | undefined {
  if (!m?.rto || method === 'disable-endpoint') return undefined;
  const { at: _at, ...rto } = m.rto as FailoverRto & { at: string };
  return {
    ...rto,
    seconds: Number(rto.seconds.toFixed(3)),
    source: rto.source ?? 'resolver',
  };
}

/** Every moment of the test on one axis, seconds after the cut. */
function marksOf(
  m: FailoverMeasurement,
  rto: FailoverRto | undefined,
  ttlSeconds: number | undefined,
): FailoverMark[] {
  const marks: FailoverMark[] = [{ kind: 'cut', seconds: 0, source: 'run' }];
  const add = (
    kind: FailoverMark['kind'],
    value: number | undefined,
    source: FailoverMark['source'],
  ) => {
    if (value !== undefined)
      marks.push({ kind, seconds: Number(value.toFixed(3)), source });
  };
  add('detection', m.detection?.seconds, 'traffic-manager');
  add('dns-switch', m.dnsSwitch?.seconds, 'resolver');
  const ttlExpiry =
    m.rto?.upperBoundSeconds ??
    m.drain?.upperBoundSeconds ??
    (m.dnsSwitch && ttlSeconds !== undefined
      ? m.dnsSwitch.seconds + ttlSeconds
      : undefined);
  add('ttl-expiry', ttlExpiry, 'dns-switch-plus-ttl');
  add('recovery', rto?.seconds, rto?.source ?? 'traffic');
  add('users-moved', m.drain?.movedSeconds, m.drain?.source ?? 'traffic');
  if (m.failback) {
    const restoreSeconds =
      (Date.parse(m.failback.restoreAt) - Date.parse(m.cutAt)) / 1000;
    add('restore', restoreSeconds, 'run');
    if (m.failback.sustained)
      add(
        'failback',
        restoreSeconds + m.failback.sustained.seconds,
        'resolver',
      );
  }
  return marks;
}
