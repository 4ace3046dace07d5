import { formatProblems } from '../types';
import { copyRepo, plant, removeTemp, REPO_ROOT } from '../util/testing';
import { loadProviderSchema, ProviderSchemaSource } from './providerSchema';
import { validateProviderSchema } from './validateProviderSchema';

jest.setTimeout(120_000);

function installedSchema(): ProviderSchemaSource {
  const loaded = loadProviderSchema();
  if ('missing' in loaded) {
    throw new Error(loaded.missing);
  }
  return loaded.schema;
}

describe('validateProviderSchema', () => {
  it('accepts the repository terraform/ tree', async () => {
    expect(formatProblems(await validateProviderSchema(REPO_ROOT))).toBe('');
  });

  describe('planted faults', () => {
    let root: string;
    beforeEach(() => {
      root = copyRepo(['terraform']);
    });
    afterEach(() => removeTemp(root));
    const messages = async () =>
      formatProblems(await validateProviderSchema(root));

    it('reports an argument the resource does not have', async () => {
      plant(
        root,
        'terraform/modules/aks-cluster/main.tf',
        'sku_tier ',
        'sku_tierr',
      );
      expect(await messages()).toMatch(
        /aks-cluster\/main\.tf: resource "azurerm_kubernetes_cluster" "this": unknown argument or block "sku_tierr" \(azurerm 4\.\d+\.\d+\)/,
      );
    });

    it('reports an unknown argument inside a nested and a dynamic block', async () => {
      plant(
        root,
        'terraform/modules/aks-cluster/main.tf',
        'max_surge = "33%"\n    }\n  }\n\n  identity',
        'max_surge = "33%"\n      surge_max = 1\n    }\n  }\n\n  identity',
      );
      plant(
        root,
        'terraform/azure/databases/main.tf',
        'failover_priority = ',
        'priority          = ',
      );
      const out = await messages();
      expect(out).toMatch(
        /"azurerm_kubernetes_cluster" "this"\.default_node_pool\.upgrade_settings: unknown argument or block "surge_max"/,
      );
      expect(out).toMatch(
        /"azurerm_cosmosdb_account" "this"\.geo_location: unknown argument or block "priority"/,
      );
      expect(out).toMatch(
        /"azurerm_cosmosdb_account" "this"\.geo_location: required argument "failover_priority" is missing/,
      );
    });

    it('checks the monitoring module: rule content generated from the rule files', async () => {
      plant(
        root,
        'terraform/azure/monitoring/main.tf',
        'expression  = rule.value.expr',
        'expr        = rule.value.expr',
      );
      const out = await messages();
      expect(out).toMatch(
        /monitoring\/main\.tf: resource "azurerm_monitor_alert_prometheus_rule_group" "this"\.rule: unknown argument or block "expr"/,
      );
      expect(out).toMatch(
        /"azurerm_monitor_alert_prometheus_rule_group" "this"\.rule: required argument "expression" is missing/,
      );
    });

    it('reports a resource type the provider does not have', async () => {
      plant(
        root,
        'terraform/modules/traffic-manager/main.tf',
        'resource "azurerm_traffic_manager_profile"',
        'resource "azurerm_traffic_manager_profiles"',
      );
      expect(await messages()).toMatch(
        /traffic-manager\/main\.tf: resource "azurerm_traffic_manager_profiles" "this": the provider has no such resource type/,
      );
    });

    it('reports a missing required argument and a missing required block', async () => {
      plant(
        root,
        'terraform/modules/aks-cluster/main.tf',
        /\n {2}resource_group_name {7}= var\.resource_group_name/,
        '',
      );
      plant(
        root,
        'terraform/modules/aks-cluster/main.tf',
        /\n {2}default_node_pool \{[\s\S]*?\n {2}\}\n/,
        '\n',
      );
      const out = await messages();
      expect(out).toMatch(
        /resource "azurerm_kubernetes_cluster" "this": required argument "resource_group_name" is missing/,
      );
      expect(out).toMatch(
        /resource "azurerm_kubernetes_cluster" "this": required block "default_node_pool" is missing/,
      );
    });

    it('reports a block assigned like an argument, and an unknown provider setting', async () => {
      plant(
        root,
        'terraform/azure/databases/main.tf',
        'consistency_policy {',
        'consistency_policy = {',
      );
      plant(
        root,
        'terraform/azure/multi-region/providers.tf',
        'storage_use_azuread = true',
        'storage_use_azuread = true\n  use_azuread_storage = true',
      );
      const out = await messages();
      expect(out).toMatch(
        /"azurerm_cosmosdb_account" "this": "consistency_policy" is a block; write consistency_policy \{ \.\.\. \}/,
      );
      expect(out).toMatch(
        /providers\.tf: provider "azurerm": unknown argument or block "use_azuread_storage"/,
      );
    });

    it('reports a data source the provider does not have', async () => {
      plant(
        root,
        'terraform/azure/multi-region/providers.tf',
        'data "azurerm_client_config"',
        'data "azurerm_client_configuration"',
      );
      expect(await messages()).toMatch(
        /data "azurerm_client_configuration" "current": the provider has no such data source/,
      );
    });
  });

  it('reports a provider pin whose major version the reference schema does not describe', async () => {
    const installed = installedSchema();
    const newer: ProviderSchemaSource = {
      providerVersion: '5.0.0',
      block: (kind, type) => installed.block(kind, type),
    };
    expect(
      formatProblems(await validateProviderSchema(REPO_ROOT, newer)),
    ).toMatch(
      /multi-region\/versions\.tf: azurerm is pinned to 4\.x but the reference schema \(@cdktf\/provider-azurerm\) is azurerm 5\.0\.0/,
    );
  });
});
