import { FailoverMeasurement } from '../failover';

/** The end of a test in one line: RTO or drain, and RPO, against their targets. */
export function endingSummary(m: FailoverMeasurement): string {
  const rpo = m.rpo
    ? `RPO ${m.rpo.seconds.toFixed(1)} s (${m.verdicts.rpo})`
    : `RPO ${m.verdicts.rpo}`;
  if (m.method === 'disable-endpoint') {
    const d = m.drain;
    const moved =
      d?.movedSeconds === undefined
        ? 'users not seen moving to the secondary'
        : `users moved by ${d.movedSeconds.toFixed(1)} s, ${
            d.failedRequests ?? 0
          } user requests failed`;
    return `planned drain, no RTO: ${moved} (${m.verdicts.drain}); ${rpo}`;
  }
  const rto = m.rto
    ? `RTO ${m.rto.seconds.toFixed(1)} s from ${m.rto.source}`
    : 'users never served again';
  return `${rto} (target ${m.targets.rtoSeconds} s, ${m.verdicts.rto}); ${rpo}`;
}
