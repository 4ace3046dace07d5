import { formatProblems } from '../types';
import {
  copyRepo,
  describeWithTool,
  plant,
  removeTemp,
  REPO_ROOT,
} from '../util/testing';
import { validatePrometheusRulesModule } from './prometheusRulesModule';

jest.setTimeout(120_000);

const MODULE = 'terraform/modules/prometheus-rules/main.tf';

describeWithTool('terraform', 'validatePrometheusRulesModule', () => {
  it('deploys exactly the rules of monitoring/prometheus/rules', () => {
    expect(formatProblems(validatePrometheusRulesModule(REPO_ROOT))).toBe('');
  });

  describe('planted faults', () => {
    let root: string;
    beforeEach(() => {
      root = copyRepo(['terraform', 'monitoring']);
    });
    afterEach(() => removeTemp(root));
    const messages = () => formatProblems(validatePrometheusRulesModule(root));

    it("reports a conversion that loses the alerts' for and their severity", () => {
      plant(
        root,
        MODULE,
        'for         = can(rule.for) ? "PT${upper(rule.for)}" : null',
        'for         = null',
      );
      plant(
        root,
        'terraform/modules/prometheus-rules/variables.tf',
        'page   = 1',
        'page   = 2',
      );
      const out = messages();
      expect(out).toMatch(
        /rule NtaiErrorBudgetBurnPage: for deployed as null, expected "PT2M"/,
      );
      expect(out).toMatch(
        /rule NtaiReplicationLagHigh: severity deployed as 2, expected 1/,
      );
    });

    it('reports rules dropped on the way', () => {
      plant(
        root,
        MODULE,
        /\n {8}\]\n {6}\}\n {4}\}\n {2}\]\.\.\.\)/,
        ' if can(rule.alert)\n        ]\n      }\n    }\n  ]...)',
      );
      expect(messages()).toMatch(
        /group ntai-sli: 0 rules deployed, the file has [1-9]\d*/,
      );
    });

    it('fails the plan on an alert whose severity has no Azure mapping', () => {
      plant(
        root,
        'monitoring/prometheus/rules/alerts.rules.yaml',
        /(alert: NtaiReplicationLagHigh[\s\S]*?severity: )page/,
        '$1critical',
      );
      expect(messages()).toMatch(
        /prometheus-rules\/main\.tf: terraform apply: [\s\S]*critical/,
      );
    });
  });
});
