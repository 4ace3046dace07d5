import fs from 'fs';
import path from 'path';
import { formatProblems } from '../types';
import { copyRepo, plant, removeTemp, REPO_ROOT } from '../util/testing';
import { validateTerraform } from './validateTerraform';

jest.setTimeout(120_000);

describe('validateTerraform', () => {
  it('accepts the repository terraform/ tree', async () => {
    const problems = await validateTerraform(REPO_ROOT);
    expect(formatProblems(problems)).toBe('');
  });

  describe('planted faults', () => {
    let root: string;
    beforeEach(() => {
      root = copyRepo(['terraform']);
    });
    afterEach(() => removeTemp(root));

    const messages = async () => formatProblems(await validateTerraform(root));

    it('reports HCL syntax errors', async () => {
      plant(
        root,
        'terraform/azure/networking/main.tf',
        'locals {',
        'locals {{',
      );
      expect(await messages()).toMatch(/networking\/main\.tf: HCL parse error/);
    });

    it('reports an undeclared variable reference', async () => {
      plant(
        root,
        'terraform/azure/networking/main.tf',
        'ttl_seconds     = var.dns_ttl_seconds',
        'ttl_seconds     = var.dns_ttl',
      );
      expect(await messages()).toMatch(
        /var\.dns_ttl refers to an undeclared variable/,
      );
    });

    it('reports an undefined local inside a for-expression body', async () => {
      plant(
        root,
        'terraform/azure/networking/main.tf',
        '"${pair[0]}-to-${pair[1]}" => { from = pair[0], to = pair[1] }',
        '"${pair[0]}-to-${pair[1]}" => { from = local.nope, to = pair[1] }',
      );
      expect(await messages()).toMatch(
        /local\.nope refers to an undefined local value/,
      );
    });

    it('reports a reference to a missing module call and a missing module output', async () => {
      plant(
        root,
        'terraform/azure/multi-region/outputs.tf',
        'module.compute.aks_cluster_names',
        'module.computer.aks_cluster_names',
      );
      plant(
        root,
        'terraform/azure/multi-region/outputs.tf',
        'module.databases.redis_hostnames',
        'module.databases.redis_hosts',
      );
      const out = await messages();
      expect(out).toMatch(
        /module\.computer refers to an undeclared module call/,
      );
      expect(out).toMatch(/has no output "redis_hosts"/);
    });

    it('reports unknown and missing module inputs', async () => {
      plant(
        root,
        'terraform/azure/multi-region/main.tf',
        '  redis_capacity                = var.redis_capacity\n',
        '  redis_size                    = var.redis_capacity\n',
      );
      const out = await messages();
      expect(out).toMatch(
        /module "databases": input "redis_size" is not a variable of terraform\/azure\/databases/,
      );
      expect(out).toMatch(
        /module "databases": required input "redis_capacity" .* is not set/,
      );
    });

    it('reports a module source that does not exist', async () => {
      plant(
        root,
        'terraform/azure/compute/main.tf',
        'source   = "../../modules/aks-cluster"',
        'source   = "../../modules/aks"',
      );
      expect(await messages()).toMatch(
        /source "\.\.\/\.\.\/modules\/aks" is not a directory/,
      );
    });

    it('reports an unpinned or wrongly pinned provider', async () => {
      plant(
        root,
        'terraform/modules/traffic-manager/versions.tf',
        'version = "~> 4.14"',
        'version = ">= 3.0"',
      );
      fs.writeFileSync(
        path.join(root, 'terraform/modules/naming/extra.tf'),
        'resource "random_id" "x" {\n  byte_length = 4\n}\n',
      );
      const out = await messages();
      expect(out).toMatch(
        /traffic-manager\/versions\.tf: provider "azurerm" must be hashicorp\/azurerm pinned/,
      );
      expect(out).toMatch(
        /naming\/versions\.tf: provider "random" is used but not pinned/,
      );
    });

    it('reports tfvars setting undeclared variables or missing required ones', async () => {
      plant(
        root,
        'terraform/azure/multi-region/staging.tfvars',
        'redis_capacity     = 1',
        'redis_capacityy    = 1',
      );
      const out = await messages();
      expect(out).toMatch(
        /staging\.tfvars: "redis_capacityy" is not a variable/,
      );
      expect(out).toMatch(
        /staging\.tfvars: required variable "redis_capacity" is not set/,
      );
    });

    it('reports variables without type or description and secret-looking inputs', async () => {
      plant(
        root,
        'terraform/azure/compute/variables.tf',
        '  type        = string\n  description = "Entra tenant for cluster RBAC."\n',
        '',
      );
      fs.appendFileSync(
        path.join(root, 'terraform/azure/multi-region/production.tfvars'),
        'admin_password = "hunter2"\n',
      );
      const out = await messages();
      expect(out).toMatch(/variable "tenant_id" has no type/);
      expect(out).toMatch(/variable "tenant_id" has no description/);
      expect(out).toMatch(/"admin_password" looks like a secret/);
    });

    it('reports a full backend block and credentials in backend files', async () => {
      plant(
        root,
        'terraform/azure/multi-region/versions.tf',
        'backend "azurerm" {}',
        'backend "azurerm" {\n    key = "x"\n  }',
      );
      fs.appendFileSync(
        path.join(
          root,
          'terraform/azure/multi-region/backend/staging.azurerm.tfbackend',
        ),
        'access_key = "abc"\n',
      );
      const out = await messages();
      expect(out).toMatch(/must be a partial configuration/);
      expect(out).toMatch(/"access_key" is a credential/);
    });
  });
});
