import { formatProblems } from '../types';
import {
  copyRepo,
  describeWithTool,
  plant,
  removeTemp,
  REPO_ROOT,
} from '../util/testing';
import { expandVariables } from './dashboard';
import { validateDashboards } from './validateDashboards';

jest.setTimeout(60_000);

describe('dashboards (structure and metric names)', () => {
  it('accept the repository dashboards', () => {
    expect(
      formatProblems(validateDashboards(REPO_ROOT, { parseQueries: false })),
    ).toBe('');
  });

  describe('planted faults', () => {
    let root: string;
    beforeEach(() => {
      root = copyRepo(['monitoring']);
    });
    afterEach(() => removeTemp(root));
    const run = (parseQueries = false) =>
      formatProblems(validateDashboards(root, { parseQueries }));
    const file = 'monitoring/grafana/dashboards/region-overview.json';

    it('rejects fields the Grafana schema does not define and broken grid positions', () => {
      plant(
        root,
        file,
        '"schemaVersion": 39',
        '"schemaVersion": 39,\n  "theme": "dark"',
      );
      plant(root, file, '"x": 12,', '"x": 18,');
      const out = run();
      expect(out).toMatch(
        /region-overview\.json: dashboard: unknown field "theme"/,
      );
      expect(out).toMatch(/gridPos: wider than the 24-column grid/);
    });

    it('rejects metrics nobody produces', () => {
      plant(
        root,
        file,
        'ntai:http_requests:rate5m{region=~\\"$region\\"}',
        'ntai:http_request:rate5m{region=~\\"$region\\"}',
      );
      expect(run()).toMatch(
        /metric "ntai:http_request:rate5m" is neither a recording rule nor in/,
      );
    });

    describeWithTool('promtool', 'PromQL syntax', () => {
      it('rejects queries that do not parse', () => {
        plant(
          root,
          file,
          '"expr": "ntai:http_errors:ratio_rate5m{region=~\\"$region\\"}"',
          '"expr": "sum(ntai:http_errors:ratio_rate5m{region=~\\"$region\\"}"',
        );
        expect(run(true)).toMatch(/PromQL does not parse/);
      });
    });
  });
});

describeWithTool('promtool', 'dashboard queries', () => {
  it('all parse with promtool', () => {
    expect(
      formatProblems(validateDashboards(REPO_ROOT, { parseQueries: true })),
    ).toBe('');
  });
});

describe('expandVariables', () => {
  it('replaces Grafana variables with parseable values', () => {
    expect(
      expandVariables(
        'rate(x{region=~"$region"}[$__rate_interval]) and y{a="${region:regex}"}',
      ),
    ).toBe('rate(x{region=~"eastus"}[5m]) and y{a="eastus"}');
  });
});
