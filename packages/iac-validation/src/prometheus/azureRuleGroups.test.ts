import { formatProblems } from '../types';
import { copyRepo, plant, removeTemp, REPO_ROOT } from '../util/testing';
import { validateAzureRuleGroups } from './azureRuleGroups';

describe('validateAzureRuleGroups', () => {
  it('accepts the repository rule files and monitoring module', () => {
    expect(formatProblems(validateAzureRuleGroups(REPO_ROOT))).toBe('');
  });

  describe('planted faults', () => {
    let root: string;
    beforeEach(() => {
      root = copyRepo(['monitoring', 'terraform']);
    });
    afterEach(() => removeTemp(root));
    const messages = () => formatProblems(validateAzureRuleGroups(root));

    it('reports an interval Azure does not accept', () => {
      plant(
        root,
        'monitoring/prometheus/rules/sli.rules.yaml',
        /(- name: ntai-sli\n {4})interval: 1m/,
        '$1interval: 30s',
      );
      expect(messages()).toMatch(
        /sli\.rules\.yaml: groups: group ntai-sli needs an interval of 1m\.\.15m .* got "30s"/,
      );
    });

    it('reports a missing interval, a two-unit for and an unmapped severity', () => {
      plant(
        root,
        'monitoring/prometheus/rules/alerts.rules.yaml',
        /(- name: ntai-data-alerts\n) {4}interval: 1m\n/,
        '$1',
      );
      plant(
        root,
        'monitoring/prometheus/rules/alerts.rules.yaml',
        'for: 15m',
        'for: 1h30m',
      );
      plant(
        root,
        'monitoring/prometheus/rules/alerts.rules.yaml',
        /(alert: NtaiReplicationLagHigh[\s\S]*?severity: )page/,
        '$1critical',
      );
      const out = messages();
      expect(out).toMatch(/group ntai-data-alerts needs an interval .* got ""/);
      expect(out).toMatch(
        /alert NtaiErrorBudgetBurnTicket: for "1h30m" must be one number and one unit/,
      );
      expect(out).toMatch(
        /alert NtaiReplicationLagHigh: label severity must be one of page, ticket .* got "critical"/,
      );
    });

    it('reports a rules file the module would not deploy and a duplicate group', () => {
      const fs = require('fs');
      fs.copyFileSync(
        `${root}/monitoring/prometheus/rules/sli.rules.yaml`,
        `${root}/monitoring/prometheus/rules/extra.yaml`,
      );
      const out = messages();
      expect(out).toMatch(
        /rules\/extra\.yaml: only \*\.rules\.yaml files are deployed/,
      );
      expect(out).toMatch(/group ntai-sli is also defined in/);
    });

    it('reports a monitoring module that stopped reading the rule files', () => {
      plant(
        root,
        'terraform/azure/monitoring/main.tf',
        '../../../monitoring/prometheus/rules',
        'rules',
      );
      expect(messages()).toMatch(
        /azure\/monitoring\/main\.tf: must deploy the rule groups from monitoring\/prometheus\/rules/,
      );
    });
  });
});
