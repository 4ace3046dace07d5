import fs from 'fs';
import path from 'path';
import { at, PlatformApp } from './platformApps';

const NAMING = 'terraform/modules/naming/main.tf';
const ROOT_VARIABLES = 'terraform/azure/multi-region/variables.tf';
const AKS_MODULE = 'terraform/modules/aks-cluster/main.tf';
const RG_ANNOTATION =
  'service.beta.kubernetes.io/azure-load-balancer-resource-group';
const PIP_ANNOTATION = 'service.beta.kubernetes.io/azure-pip-name';

/** Names of a region's resource group and ingress public IP, from modules/naming. */
export interface IngressNames {
  resourceGroup: string;
  publicIp: string;
}

function read(repoRoot: string, file: string): string {
  return fs.readFileSync(path.join(repoRoot, file), 'utf8');
}

/**
 * Evaluates the naming contract's templates for one environment and region. The module is
 * the only place that formats names (its header says so), so the ingress controller's
 * annotations are checked against it rather than against a second copy of the pattern.
 */
export function ingressNames(
  repoRoot: string,
  env: string,
  region: string,
): IngressNames {
  const naming = read(repoRoot, NAMING);
  const prefix =
    /variable\s+"name_prefix"\s*\{[\s\S]*?default\s*=\s*"([^"]+)"/.exec(
      read(repoRoot, ROOT_VARIABLES),
    )?.[1];
  const base = /\bbase\s*=\s*"([^"]+)"/.exec(naming)?.[1];
  const template = (key: string) =>
    new RegExp(`\\b${key}\\s*=\\s*"([^"]+)"`).exec(naming)?.[1];
  const rg = template('resource_group');
  const pip = template('ingress_public_ip');
  if (!prefix || !base || !rg || !pip) {
    throw new Error(
      `${NAMING}: cannot read the resource_group / ingress_public_ip templates`,
    );
  }
  const baseName = base
    .replace('${var.name_prefix}', prefix)
    .replace('${var.environment}', env);
  const render = (t: string) =>
    t.replace('${local.base}', baseName).replace('${region}', region);
  return { resourceGroup: render(rg), publicIp: render(pip) };
}

/**
 * The ingress controller's LoadBalancer Service must take the public IP Terraform created for
 * its region (the Traffic Manager endpoint's target): Azure's cloud provider binds an existing
 * IP named by azure-pip-name in the resource group of azure-load-balancer-resource-group.
 * Without both, AKS allocates a new IP that Traffic Manager never probes. Its IngressClass is
 * the one the app's Ingress objects name.
 */
export function ingressProblems(
  repoRoot: string,
  app: PlatformApp,
  ingressClasses: Set<string>,
): string[] {
  const problems: string[] = [];
  const expected = ingressNames(repoRoot, app.env, app.region);
  const annotations = at(app.values, ['service', 'annotations']) as
    | Record<string, unknown>
    | undefined;
  const actualRg = annotations?.[RG_ANNOTATION];
  const actualPip = annotations?.[PIP_ANNOTATION];
  if (actualRg !== expected.resourceGroup) {
    problems.push(
      `service annotation ${RG_ANNOTATION} must be ${
        expected.resourceGroup
      }, the resource group of the Traffic Manager target IP (got ${String(
        actualRg,
      )})`,
    );
  }
  if (actualPip !== expected.publicIp) {
    problems.push(
      `service annotation ${PIP_ANNOTATION} must be ${
        expected.publicIp
      }, the Traffic Manager target IP (got ${String(actualPip)})`,
    );
  }
  const className = at(app.values, ['ingressClass', 'name']);
  if (at(app.values, ['ingressClass', 'enabled']) !== true) {
    problems.push('ingressClass.enabled must be true');
  }
  for (const used of ingressClasses) {
    if (used !== className) {
      problems.push(
        `the app's Ingress uses class ${used}, but this controller serves ${String(
          className,
        )}`,
      );
    }
  }
  return problems;
}

/**
 * Binding an existing public IP needs the cluster identity to hold Network Contributor on that
 * IP's resource group; without it the Service stays Pending with an authorization error.
 */
export function networkContributorProblems(repoRoot: string): string[] {
  const text = read(repoRoot, AKS_MODULE);
  const blocks = text
    .split(/\nresource\s+/)
    .filter(b => b.startsWith('"azurerm_role_assignment"'));
  const granted = blocks.some(
    b =>
      /role_definition_name\s*=\s*"Network Contributor"/.test(b) &&
      /scope\s*=\s*var\.ingress_resource_group_id\b/.test(b) &&
      /principal_id\s*=\s*azurerm_kubernetes_cluster\.this\.identity\[0\]\.principal_id/.test(
        b,
      ),
  );
  return granted
    ? []
    : [
        `${AKS_MODULE}: the cluster identity needs a Network Contributor role assignment on var.ingress_resource_group_id to bind the Traffic Manager target IP`,
      ];
}
