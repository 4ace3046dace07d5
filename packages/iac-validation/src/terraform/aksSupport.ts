import fs from 'fs';
import path from 'path';
import { isRecord } from '../util/files';
import { Problem } from '../types';
import { firstBlock, parseHcl } from './hcl';

const ROOT = 'terraform/azure/multi-region';
const AKS_MODULE = 'terraform/modules/aks-cluster/main.tf';

/**
 * When each Kubernetes minor version stops being supported on AKS. `community` is the end of
 * upstream support (kubernetes.io/releases): AKS cannot patch a version upstream no longer
 * patches, so its standard support never outlives it for planning purposes. `lts` is the end of
 * AKS long-term support (Premium tier with the AKSLongTermSupport plan), listed only where
 * Microsoft's version calendar gives it. A version missing here is an error: add its dates.
 */
export const AKS_VERSION_SUPPORT: Record<
  string,
  { community: string; lts?: string }
> = {
  '1.27': { community: '2024-06-28', lts: '2025-07-31' },
  '1.30': { community: '2025-07-15', lts: '2026-07-31' },
  '1.31': { community: '2025-10-28' },
  '1.32': { community: '2026-02-28' },
  '1.33': { community: '2026-06-28' },
  '1.34': { community: '2026-10-27' },
  '1.35': { community: '2027-02-28' },
};

async function parse(repoRoot: string, rel: string) {
  const file = path.join(repoRoot, rel);
  if (!fs.existsSync(file)) return undefined;
  return parseHcl(rel, fs.readFileSync(file, 'utf8'));
}

function literal(value: unknown): string | undefined {
  return typeof value === 'string' && !value.includes('${') ? value : undefined;
}

/**
 * Every environment's `kubernetes_version` is supported on AKS on `asOf` with the tier the
 * cluster module requests: standard support, or long-term support that needs the Premium tier.
 */
export async function validateAksSupport(
  repoRoot: string,
  asOf: Date = new Date(),
): Promise<Problem[]> {
  const problems: Problem[] = [];
  const body = await parse(repoRoot, AKS_MODULE);
  const resource = isRecord(body?.resource) ? body!.resource : {};
  const clusters = isRecord(resource.azurerm_kubernetes_cluster)
    ? resource.azurerm_kubernetes_cluster
    : {};
  const cluster = firstBlock(Object.values(clusters)[0]);
  if (!cluster) {
    return [{ file: AKS_MODULE, message: 'no azurerm_kubernetes_cluster' }];
  }
  const tier = literal(cluster.sku_tier) ?? 'Free';
  const plan = literal(cluster.support_plan) ?? 'KubernetesOfficial';
  if (plan === 'AKSLongTermSupport' && tier !== 'Premium') {
    problems.push({
      file: AKS_MODULE,
      message: `support_plan AKSLongTermSupport needs sku_tier Premium (got ${tier})`,
    });
  }
  const day = asOf.toISOString().slice(0, 10);
  const dir = path.join(repoRoot, ROOT);
  const tfvars = fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter(f => f.endsWith('.tfvars'))
        .sort()
    : [];
  for (const name of tfvars) {
    const rel = `${ROOT}/${name}`;
    const vars = await parse(repoRoot, rel);
    const version = literal(vars?.kubernetes_version);
    if (!version) continue;
    const support = AKS_VERSION_SUPPORT[version];
    const report = (message: string) =>
      problems.push({
        file: rel,
        message: `kubernetes_version ${version}: ${message}`,
      });
    if (!support) {
      report('no AKS support dates known; add them to AKS_VERSION_SUPPORT');
    } else if (day > support.community) {
      if (!support.lts || day > support.lts) {
        report(
          `out of AKS support on ${day} (community support ended ${
            support.community
          }${support.lts ? `, long-term support ${support.lts}` : ''})`,
        );
      } else if (tier !== 'Premium' || plan !== 'AKSLongTermSupport') {
        report(
          `community support ended ${support.community}; until ${support.lts} only long-term support covers it, which needs sku_tier Premium and support_plan AKSLongTermSupport (the cluster has ${tier}, ${plan})`,
        );
      }
    }
  }
  return problems;
}
