import {
  FailoverDrain,
  FailoverMark,
  FailoverRto,
} from '@internal/plugin-nt-infra-common';
import { figureSourceText } from './failoverHeadline';

/** The test's headline figure, which decides what its TTL expiry means. */
export interface FailoverMarkFigures {
  rto?: FailoverRto;
  drain?: FailoverDrain;
}

/**
 * The TTL expiry is always the DNS switch plus the TTL; what it says about
 * the users depends on where the headline figure came from. Only when the
 * counters were unreadable is it the figure itself.
 */
function ttlExpiryText(figures: FailoverMarkFigures): string {
  const figure = figures.rto ?? figures.drain;
  const moved = figures.rto === undefined && figures.drain !== undefined;
  const base = `DNS switch + TTL: the latest a client honouring the TTL ${
    moved ? 'moves' : 'is served again'
  }`;
  switch (figure?.source) {
    case 'dns-switch-plus-ttl':
      return `${base}; taken as the ${
        moved ? 'moment users moved' : 'RTO'
      }, the users' counters were unreadable`;
    case 'traffic':
      if (figures.rto?.outsideBounds) {
        return `${base}; the users' counters put the recovery outside it`;
      }
      return `${base}; the upper bound of the users' ${
        moved ? 'move' : 'RTO'
      }, measured from their counters`;
    default:
      return base;
  }
}

/**
 * Where a mark's moment came from, worded for that mark. Recovery and users
 * moved are the headline figure and say so as the headline does; the other
 * marks are the portal's own observations.
 */
export function markSourceText(
  mark: FailoverMark,
  figures: FailoverMarkFigures = {},
): string {
  if (mark.kind === 'ttl-expiry') return ttlExpiryText(figures);
  switch (mark.source) {
    case 'run':
      return 'the test itself';
    case 'traffic-manager':
      return "Traffic Manager's endpoint status";
    case 'resolver':
      // The DNS switch and the failback are always the resolver's: only a
      // headline figure from it marks a test stored before traffic was read.
      return mark.kind === 'recovery' || mark.kind === 'users-moved'
        ? figureSourceText.resolver
        : "the portal's own resolver";
    default:
      return figureSourceText[mark.source];
  }
}
