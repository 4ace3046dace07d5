import {
  FailoverFigureSource,
  FailoverMark,
  FailoverTestView,
} from '@internal/plugin-nt-infra-common';
import { formatSeconds } from './format';

/** What the failover summaries need of a test: the page's view or a GameDay report's step. */
export type FailoverSummaryInput = Pick<
  FailoverTestView,
  'method' | 'measurements' | 'verdicts' | 'targets' | 'traffic' | 'marks'
> &
  Partial<Pick<FailoverTestView, 'fromRegion' | 'toRegion'>>;

/** Each headline number says where it came from. */
export const figureSourceText: Record<FailoverFigureSource, string> = {
  traffic: "users' request counters",
  'dns-switch-plus-ttl':
    "DNS switch + TTL (the users' counters were unreadable)",
  resolver:
    "the portal's own resolver (a test stored before users' traffic was measured)",
};

export const markLabel: Record<FailoverMark['kind'], string> = {
  cut: 'Cut',
  detection: 'Detection',
  'dns-switch': 'DNS switch',
  'ttl-expiry': 'TTL expiry',
  recovery: 'Recovery',
  'users-moved': 'Users moved',
  restore: 'Restore',
  failback: 'Failback',
};

/** "31–91 s" rather than "31 s–91 s"; each end keeps its unit when they differ. */
export function formatSecondsRange(from: number, to: number): string {
  const a = formatSeconds(from);
  const b = formatSeconds(to);
  return a.endsWith(' s') && b.endsWith(' s')
    ? `${a.slice(0, -2)}–${b}`
    : `${a}–${b}`;
}

function provenance(
  source: FailoverFigureSource,
  resolutionSeconds: number | undefined,
): string {
  return resolutionSeconds === undefined
    ? figureSourceText[source]
    : `${figureSourceText[source]}, ${formatSeconds(
        resolutionSeconds,
      )} resolution`;
}

/** Below this the clocks' uncertainty is noise beside the counters' resolution. */
const NOTABLE_CLOCK_UNCERTAINTY_SECONDS = 0.5;

function bounds(
  lower?: number,
  upper?: number,
  clockUncertainty?: number,
): string {
  if (lower === undefined || upper === undefined) return '';
  const clocks =
    clockUncertainty !== undefined &&
    clockUncertainty >= NOTABLE_CLOCK_UNCERTAINTY_SECONDS
      ? ` (counters placed within ±${formatSeconds(clockUncertainty)})`
      : '';
  return `; bounds ${formatSecondsRange(lower, upper)}${clocks}`;
}

/** The headline's figure alone, so the header and the verdict badge print the same. */
export function rtoFigure(f: FailoverSummaryInput): string {
  return `RTO ${formatSeconds(f.measurements.rto?.seconds)}`;
}

/**
 * The one number a failover test is judged by, with where it came from:
 * - unhealthy: "RTO 72 s — users' request counters, 15 s resolution; bounds 31–91 s";
 * - disable-endpoint (a planned drain, nobody down, no RTO verdict):
 *   "Users moved to westus by 63 s — …; 0 failed requests".
 */
export function failoverHeadline(f: FailoverSummaryInput): string {
  const m = f.measurements;
  if (f.method === 'disable-endpoint') {
    const d = m.drain;
    const to = f.toRegion ?? 'the secondary';
    if (!d || d.movedSeconds === undefined) {
      return `Planned drain: users not yet moved to ${to}${
        d?.failedRequests !== undefined
          ? `; ${d.failedRequests} failed requests so far`
          : ''
      }`;
    }
    const failed =
      d.failedRequests === undefined
        ? 'failed requests unknown'
        : `${d.failedRequests} failed requests${
            d.requests !== undefined ? ` of ${Math.round(d.requests)}` : ''
          }`;
    return `Users moved to ${to} by ${formatSeconds(
      d.movedSeconds,
    )} — ${provenance(d.source, d.resolutionSeconds)}${bounds(
      d.lowerBoundSeconds,
      d.upperBoundSeconds,
      d.clockUncertaintySeconds,
    )}; ${failed}`;
  }
  const r = m.rto;
  if (!r) return 'RTO not measured yet: users are not served again';
  return `${rtoFigure(f)} — ${provenance(
    r.source,
    r.resolutionSeconds,
  )}${bounds(
    r.lowerBoundSeconds,
    r.upperBoundSeconds,
    r.clockUncertaintySeconds,
  )}${r.outsideBounds ? ' (the counters fell outside what DNS allows)' : ''}`;
}
