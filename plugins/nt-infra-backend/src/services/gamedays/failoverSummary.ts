import {
  FailoverFigureSource,
  FailoverTestView,
} from '@internal/plugin-nt-infra-common';

type Failover = Pick<
  FailoverTestView,
  'method' | 'measurements' | 'verdicts' | 'targets' | 'traffic' | 'marks'
> &
  Partial<Pick<FailoverTestView, 'fromRegion' | 'toRegion'>> & {
    /** The regions' display names ("East US"), as the portal's pages name them. */
    fromDisplayName?: string;
    toDisplayName?: string;
  };

/** A name inside a Markdown table cell: a pipe would end the cell. */
const cell = (text: string) => text.replace(/\|/g, '\\|');

const SOURCES: Record<FailoverFigureSource, string> = {
  traffic: "the users' request counters in Prometheus",
  'dns-switch-plus-ttl':
    "the portal's DNS switch plus the TTL (the counters were unreadable)",
  resolver:
    "the portal's own resolver (a test from before user traffic was measured)",
};

const s = (v: number | undefined) =>
  v === undefined ? '—' : `${v.toFixed(1)} s`;
const pct = (v: number | undefined) =>
  v === undefined ? '—' : `${(v * 100).toFixed(v > 0 && v < 0.01 ? 2 : 1)} %`;

/**
 * A failover test in the GameDay's Markdown: the headline (RTO with its source
 * and resolution, or the drain), the phases the portal saw, and the users'
 * curve as a table (the page draws it; a wiki page gets the numbers).
 */
export function failoverSummary(f: Failover): string[] {
  const m = f.measurements;
  const lines: string[] = [];
  if (f.method === 'disable-endpoint') {
    const d = m.drain;
    lines.push(
      `- Planned drain (endpoint disabled): no RTO verdict; users moved to the secondary by ${s(
        d?.movedSeconds,
      )}, ${d?.failedRequests ?? '—'} of ${
        d?.requests ?? '—'
      } user requests failed (${f.verdicts?.drain ?? 'pending'})${
        d
          ? `; from ${SOURCES[d.source]}, ${s(d.resolutionSeconds)} resolution`
          : ''
      }`,
    );
  } else if (m.rto) {
    const r = m.rto;
    lines.push(
      `- RTO ${s(r.seconds)} (target ${f.targets.rtoSeconds} s, ${
        f.verdicts?.rto ?? 'pending'
      }) from ${SOURCES[r.source]}${
        r.resolutionSeconds !== undefined
          ? `, ${s(r.resolutionSeconds)} resolution`
          : ''
      }; bounded by the DNS switch ${s(
        r.lowerBoundSeconds,
      )} and switch + TTL ${s(r.upperBoundSeconds)}${
        r.outsideBounds ? ' (the counters fell outside those bounds)' : ''
      }`,
    );
  } else {
    lines.push(`- RTO not measured (${f.verdicts?.rto ?? 'pending'})`);
  }
  lines.push(
    `- RPO ${s(m.rpoSeconds)} (target ${f.targets.rpoSeconds} s, ${
      f.verdicts?.rpo ?? 'pending'
    }): replication lag at the cut`,
    `- Phases seen by the portal: detection ${s(
      m.detectionSeconds,
    )}, DNS switch ${s(m.dnsSwitchSeconds)}, its own resolver served ${s(
      m.resolverServedSeconds,
    )} (sampled every ${s(m.samplingResolutionSeconds)})`,
  );
  const points = f.traffic?.points ?? [];
  // The primary share is the region failed away from, the secondary the one taking over.
  const from = f.fromDisplayName ?? f.fromRegion ?? 'primary';
  const to = f.toDisplayName ?? f.toRegion ?? 'secondary';
  if (f.traffic?.error)
    lines.push(`- User request counters: ${f.traffic.error}`);
  if (points.length > 0) {
    lines.push(
      '',
      `Users' requests (\`${f.traffic!.query.replace(
        /`/g,
        "'",
      )}\`), seconds after the cut:`,
      '',
      `| interval | requests | error ratio | ${cell(from)} | ${cell(to)} |`,
      '| --- | --- | --- | --- | --- |',
      ...points.map(
        p =>
          `| ${p.startSeconds.toFixed(1)}–${p.endSeconds.toFixed(
            1,
          )} | ${Math.round(p.requests)} | ${pct(p.errorRatio)} | ${pct(
            p.primaryShare,
          )} | ${pct(p.secondaryShare)} |`,
      ),
    );
  }
  if (f.marks?.length) {
    lines.push(
      '',
      `Marks: ${f.marks.map(k => `${k.kind} ${s(k.seconds)}`).join(', ')}`,
    );
  }
  return lines;
}
