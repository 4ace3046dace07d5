import { formatProblems } from '../types';
import { copyRepo, plant, removeTemp, REPO_ROOT } from '../util/testing';
import { validateAksSupport } from './aksSupport';

// The repository's own date: its versions must be in support then, whatever the clock says.
const REPO_DATE = new Date('2026-12-15T00:00:00Z');

describe('validateAksSupport', () => {
  it('accepts the repository Kubernetes version and tier at the repository date', async () => {
    expect(formatProblems(await validateAksSupport(REPO_ROOT, REPO_DATE))).toBe(
      '',
    );
  });

  describe('planted faults', () => {
    let root: string;
    beforeEach(() => {
      root = copyRepo(['terraform']);
    });
    afterEach(() => removeTemp(root));
    const tfvars = 'terraform/azure/multi-region/production.tfvars';
    const aks = 'terraform/modules/aks-cluster/main.tf';
    const setVersion = (v: string) =>
      plant(
        root,
        tfvars,
        /kubernetes_version {2}= "[0-9.]+"/,
        `kubernetes_version  = "${v}"`,
      );

    it('reports 1.31 on the Standard tier (out of support by the repository date)', async () => {
      setVersion('1.31');
      expect(formatProblems(await validateAksSupport(root, REPO_DATE))).toMatch(
        /production\.tfvars: kubernetes_version 1\.31: out of AKS support on 2026-12-15 \(community support ended 2025-10-28\)/,
      );
    });

    it('accepts an LTS version only on Premium with the long-term support plan', async () => {
      setVersion('1.30');
      const during = new Date('2026-03-01T00:00:00Z');
      expect(formatProblems(await validateAksSupport(root, during))).toMatch(
        /kubernetes_version 1\.30: community support ended 2025-07-15; until 2026-07-31 only long-term support covers it, which needs sku_tier Premium and support_plan AKSLongTermSupport \(the cluster has Standard, KubernetesOfficial\)/,
      );
      plant(
        root,
        aks,
        'sku_tier                  = "Standard"',
        'sku_tier                  = "Premium"\n  support_plan              = "AKSLongTermSupport"',
      );
      expect(formatProblems(await validateAksSupport(root, during))).toBe('');
      expect(formatProblems(await validateAksSupport(root, REPO_DATE))).toMatch(
        /1\.30: out of AKS support on 2026-12-15/,
      );
    });

    it('reports long-term support without the Premium tier, and unknown versions', async () => {
      plant(
        root,
        aks,
        'automatic_upgrade_channel',
        'support_plan              = "AKSLongTermSupport"\n  automatic_upgrade_channel',
      );
      setVersion('1.99');
      const out = formatProblems(await validateAksSupport(root, REPO_DATE));
      expect(out).toMatch(
        /aks-cluster\/main\.tf: support_plan AKSLongTermSupport needs sku_tier Premium \(got Standard\)/,
      );
      expect(out).toMatch(
        /kubernetes_version 1\.99: no AKS support dates known/,
      );
    });
  });
});
