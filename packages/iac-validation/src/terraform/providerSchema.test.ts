import { loadProviderSchema, ProviderSchemaSource } from './providerSchema';

function schema(): ProviderSchemaSource {
  const loaded = loadProviderSchema();
  if ('missing' in loaded) {
    throw new Error(loaded.missing);
  }
  return loaded.schema;
}

describe('provider schema from @cdktf/provider-azurerm', () => {
  it('knows the provider version it was generated from', () => {
    expect(schema().providerVersion).toMatch(/^4\.\d+\.\d+$/);
  });

  it('reads arguments, required-ness and nested blocks in Terraform names', () => {
    const aks = schema().block('resource', 'azurerm_kubernetes_cluster');
    expect(aks?.attributes.get('location')).toEqual({ required: true });
    expect(aks?.attributes.get('sku_tier')).toEqual({ required: false });
    expect(aks?.attributes.get('tags')).toEqual({ required: false });
    const pool = aks?.blocks.get('default_node_pool');
    expect(pool?.required).toBe(true);
    expect(pool?.schema.attributes.get('name')).toEqual({ required: true });
    expect(pool?.schema.attributes.get('vm_size')).toEqual({ required: false });
    expect(pool?.schema.blocks.has('upgrade_settings')).toBe(true);
    // Computed-only attributes are not arguments.
    expect(aks?.attributes.has('kube_config_raw')).toBe(false);
    expect(aks?.blocks.has('kube_config')).toBe(false);
  });

  it('tells resources, data sources and the provider block apart', () => {
    const s = schema();
    expect(s.block('data', 'azurerm_client_config')).toBeDefined();
    expect(s.block('resource', 'azurerm_client_config')).toBeUndefined();
    expect(s.block('resource', 'azurerm_no_such_thing')).toBeUndefined();
    expect(s.block('resource', '../../etc/passwd')).toBeUndefined();
    expect(
      s.block('provider', 'azurerm')?.blocks.get('features')?.schema.blocks,
    ).toBeDefined();
  });
});
