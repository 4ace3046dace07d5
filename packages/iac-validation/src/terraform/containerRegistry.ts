import fs from 'fs';
import path from 'path';
import YAML from 'yaml';
import { isRecord } from '../util/files';
import { Problem } from '../types';
import { collectStrings, firstBlock, parseHcl } from './hcl';

const NAMING_OUTPUTS = 'terraform/modules/naming/outputs.tf';
const ROOT_VARIABLES = 'terraform/azure/multi-region/variables.tf';
const AKS_MODULE = 'terraform/modules/aks-cluster/main.tf';
const KUSTOMIZATIONS = [
  'kubernetes/base/kustomization.yaml',
  'kubernetes/overlays/staging/kustomization.yaml',
  'kubernetes/overlays/production/kustomization.yaml',
];

async function hcl(repoRoot: string, rel: string) {
  const file = path.join(repoRoot, rel);
  return fs.existsSync(file)
    ? parseHcl(rel, fs.readFileSync(file, 'utf8'))
    : undefined;
}

/** The registry name the naming contract gives, with the root module's default prefix. */
async function registryName(repoRoot: string): Promise<string | undefined> {
  const outputs = await hcl(repoRoot, NAMING_OUTPUTS);
  const output = isRecord(outputs?.output)
    ? firstBlock(outputs!.output.container_registry_name)
    : undefined;
  const vars = await hcl(repoRoot, ROOT_VARIABLES);
  const prefix = isRecord(vars?.variable)
    ? firstBlock(vars!.variable.name_prefix)?.default
    : undefined;
  if (typeof output?.value !== 'string' || typeof prefix !== 'string') {
    return undefined;
  }
  return output.value.replace('${var.name_prefix}', prefix);
}

/**
 * The images the overlays deploy come from the registry Terraform creates, and every cluster's
 * kubelet identity (the identity that pulls images) is granted AcrPull on it.
 */
export async function validateContainerRegistry(
  repoRoot: string,
): Promise<Problem[]> {
  const problems: Problem[] = [];
  const name = await registryName(repoRoot);
  if (!name) {
    problems.push({
      file: NAMING_OUTPUTS,
      message:
        'output container_registry_name is missing: nothing names the registry the clusters pull from',
    });
  }
  for (const rel of KUSTOMIZATIONS) {
    const file = path.join(repoRoot, rel);
    if (!fs.existsSync(file) || !name) continue;
    const doc = YAML.parse(fs.readFileSync(file, 'utf8'));
    const images = isRecord(doc) && Array.isArray(doc.images) ? doc.images : [];
    for (const image of images.filter(isRecord)) {
      const ref = String(image.newName ?? image.name ?? '');
      if (!ref.startsWith(`${name}.azurecr.io/`)) {
        problems.push({
          file: rel,
          message: `image ${ref} is not in ${name}.azurecr.io, the registry the clusters may pull from`,
        });
      }
    }
  }
  const aks = await hcl(repoRoot, AKS_MODULE);
  const assignments =
    isRecord(aks?.resource) && isRecord(aks!.resource.azurerm_role_assignment)
      ? Object.values(aks!.resource.azurerm_role_assignment).map(firstBlock)
      : [];
  const pull = assignments.find(
    a =>
      a?.role_definition_name === 'AcrPull' &&
      collectStrings(a.principal_id, '').some(s =>
        /kubelet_identity\[0\]\.object_id/.test(s.text),
      ),
  );
  if (!pull) {
    problems.push({
      file: AKS_MODULE,
      message:
        'no AcrPull role assignment for the kubelet identity (kubelet_identity[0].object_id): the nodes cannot pull the images',
    });
  } else if (!/^\$\{var\.container_registry_id\}$/.test(String(pull.scope))) {
    problems.push({
      file: AKS_MODULE,
      message: `AcrPull must be scoped to var.container_registry_id, got ${String(
        pull.scope,
      )}`,
    });
  }
  return problems;
}
