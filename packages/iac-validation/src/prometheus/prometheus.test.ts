import {
  copyRepo,
  describeWithTool,
  plant,
  removeTemp,
  REPO_ROOT,
} from '../util/testing';
import { metricNames } from './metrics';
import { checkRules, parsePromQl, testRules } from './promtool';
import { declaredSeries, loadRuleFiles } from './rules';

jest.setTimeout(60_000);

describeWithTool('promtool', 'Prometheus rules', () => {
  it('pass promtool check rules and promtool test rules', () => {
    expect(checkRules(REPO_ROOT)).toEqual([]);
    expect(testRules(REPO_ROOT)).toEqual([]);
  });

  it('have a firing and a non-firing test case for every alert', () => {
    const tests = require('fs').readFileSync(
      `${REPO_ROOT}/monitoring/prometheus/tests/alerts.test.yaml`,
      'utf8',
    ) as string;
    for (const alert of loadRuleFiles(REPO_ROOT).flatMap(f => f.alerts)) {
      const blocks = tests
        .split(/\n {6}- eval_time:/)
        .filter(b => b.includes(`alertname: ${alert.name}\n`));
      expect({
        alert: alert.name,
        firing: blocks.some(b => /exp_alerts:\n\s+- exp_labels/.test(b)),
      }).toEqual({ alert: alert.name, firing: true });
      expect({
        alert: alert.name,
        silent: blocks.some(b => /exp_alerts: \[\]/.test(b)),
      }).toEqual({ alert: alert.name, silent: true });
    }
  });

  describe('planted faults', () => {
    let root: string;
    beforeEach(() => {
      root = copyRepo(['monitoring']);
    });
    afterEach(() => removeTemp(root));

    it('fails check rules on a syntax error', () => {
      plant(
        root,
        'monitoring/prometheus/rules/alerts.rules.yaml',
        'ntai:db_replication_lag_seconds:max > 15',
        'ntai:db_replication_lag_seconds:max >> 15',
      );
      expect(checkRules(root).join()).toMatch(/promtool check rules failed/);
    });

    it('fails the unit tests when a burn-rate threshold drifts', () => {
      plant(
        root,
        'monitoring/prometheus/rules/alerts.rules.yaml',
        'ntai:slo_burn_rate:1h > 14.4 and ntai:slo_burn_rate:5m > 14.4',
        'ntai:slo_burn_rate:1h > 24 and ntai:slo_burn_rate:5m > 24',
      );
      expect(testRules(root).join()).toMatch(/NtaiErrorBudgetBurnPage/);
    });
  });

  it('parsePromQl reports queries that do not parse', () => {
    expect(
      parsePromQl([
        {
          where: 'ok',
          expr: 'sum by (region) (rate(http_requests_total[5m]))',
        },
      ]),
    ).toEqual([]);
    expect(
      parsePromQl([
        { where: 'panel 1', expr: 'sum(rate(http_requests_total[5m])' },
      ]).join(),
    ).toMatch(/panel 1: PromQL does not parse/);
  });
});

describe('metricNames', () => {
  it('finds metrics and ignores functions, keywords, labels and durations', () => {
    expect(
      [
        ...metricNames(
          'sum by (region, le) (rate(http_request_duration_seconds_bucket{code=~"5..", region="x"}[5m] offset 1h)) / on (region) group_left ntai:slo_burn_rate:1h > bool 1e3',
        ),
      ].sort(),
    ).toEqual([
      'http_request_duration_seconds_bucket',
      'ntai:slo_burn_rate:1h',
    ]);
  });

  it('every rule reads only declared raw series or recording rules', () => {
    const files = loadRuleFiles(REPO_ROOT);
    const known = new Set([
      ...declaredSeries(REPO_ROOT),
      ...files.flatMap(f => f.records.map(r => r.name)),
    ]);
    const unknown = files.flatMap(f =>
      [...f.records, ...f.alerts].flatMap(r =>
        [...metricNames(r.expr)]
          .filter(n => !known.has(n))
          .map(n => `${r.name}: ${n}`),
      ),
    );
    expect(unknown).toEqual([]);
  });
});
