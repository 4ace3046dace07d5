import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { BURN_RATE_WINDOWS, regionSliQueries } from './sliQueries';

/** The recording rules the repo really defines; a query naming anything else finds nothing. */
function recordedNames(): Set<string> {
  const file = path.resolve(
    __dirname,
    '../../../../../monitoring/prometheus/rules/sli.rules.yaml',
  );
  const doc = parse(fs.readFileSync(file, 'utf8')) as {
    groups: { rules: { record?: string }[] }[];
  };
  return new Set(
    doc.groups.flatMap(g => g.rules.flatMap(r => (r.record ? [r.record] : []))),
  );
}

describe('regionSliQueries', () => {
  it('builds the portal’s queries for a region', () => {
    const q = regionSliQueries('eastus');
    expect(q.requestRate).toBe('ntai:http_requests:rate5m{region="eastus"}');
    expect(q.errorRatio).toBe('ntai:http_errors:ratio_rate5m{region="eastus"}');
    expect(q.burnRate('1h')).toBe('ntai:slo_burn_rate:1h{region="eastus"}');
  });

  it('names only recording rules of monitoring/prometheus', () => {
    const names = recordedNames();
    const q = regionSliQueries('westus');
    const queries = [
      q.requestRate,
      q.errorRatio,
      q.latencyP99,
      q.availability,
      q.replicationLag,
      ...BURN_RATE_WINDOWS.flatMap(w => [q.burnRate(w), q.errorRatioOver(w)]),
    ];
    for (const query of queries) {
      expect(names).toContain(query.slice(0, query.indexOf('{')));
    }
  });

  it('escapes the region so it cannot change the selector', () => {
    expect(regionSliQueries('east"} or up{x="\\').availability).toBe(
      'ntai:availability:ratio_rate5m{region="east\\"} or up{x=\\"\\\\"}',
    );
  });

  it('refuses a window that has no recording rule', () => {
    expect(() => regionSliQueries('eastus').burnRate('7d' as never)).toThrow(
      /Unknown SLO window '7d'/,
    );
  });
});
