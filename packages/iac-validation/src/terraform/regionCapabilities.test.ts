import { formatProblems } from '../types';
import { copyRepo, plant, removeTemp, REPO_ROOT } from '../util/testing';
import { validateRegionCapabilities } from './regionCapabilities';

jest.setTimeout(120_000);

describe('validateRegionCapabilities', () => {
  it('accepts the repository terraform/ tree', async () => {
    expect(formatProblems(await validateRegionCapabilities(REPO_ROOT))).toBe(
      '',
    );
  });

  describe('planted faults', () => {
    let root: string;
    beforeEach(() => {
      root = copyRepo(['terraform']);
    });
    afterEach(() => removeTemp(root));
    const messages = async () =>
      formatProblems(await validateRegionCapabilities(root));

    it('reports hard-coded node pool zones that West US would reject', async () => {
      plant(
        root,
        'terraform/modules/aks-cluster/main.tf',
        'zones                 = local.zones',
        'zones                 = ["1", "2", "3"]',
      );
      expect(await messages()).toMatch(
        /aks-cluster\/main\.tf: azurerm_kubernetes_cluster_node_pool\.apps\.zones = \["1","2","3"\] is a zonal setting not taken from terraform\/modules\/region-capabilities; westus has no availability zones/,
      );
    });

    it('reports zone redundancy requested everywhere and a literal PostgreSQL zone', async () => {
      plant(
        root,
        'terraform/azure/databases/main.tf',
        /zone_redundant {4}= module\.capabilities[^\n]*/,
        'zone_redundant    = true',
      );
      plant(
        root,
        'terraform/azure/databases/main.tf',
        'zone                          = module.capabilities.regions[each.key].postgres_zone',
        'zone                          = "1"',
      );
      const out = await messages();
      expect(out).toMatch(
        /azurerm_cosmosdb_account\.this\.dynamic\.geo_location\.content\.zone_redundant = true is a zonal setting/,
      );
      expect(out).toMatch(
        /azurerm_postgresql_flexible_server\.replica\.zone = "1" is a zonal setting/,
      );
    });

    it('follows variables to their callers: a module input set to a literal is caught', async () => {
      plant(
        root,
        'terraform/azure/compute/main.tf',
        'zones                      = module.capabilities.regions[each.key].zones',
        'zones                      = ["1", "2", "3"]',
      );
      expect(await messages()).toMatch(
        /aks-cluster\/main\.tf: azurerm_kubernetes_cluster\.this\.default_node_pool\.zones = "\$\{local\.zones\}" is a zonal setting not taken from/,
      );
    });

    it("checks the table against Microsoft's region list and covers every deployed region", async () => {
      plant(
        root,
        'terraform/modules/region-capabilities/main.tf',
        /display_name = "West US"\n {6}zones {8}= \[\]/,
        'display_name = "West US"\n      zones        = ["1", "2", "3"]',
      );
      plant(
        root,
        'terraform/azure/multi-region/staging.tfvars',
        'westus = {',
        'westcentralus = {',
      );
      const out = await messages();
      expect(out).toMatch(
        /westus: the table says zones, Microsoft's region list says no zones/,
      );
      expect(out).toMatch(
        /staging\.tfvars: region westcentralus is not in the capability table/,
      );
    });
  });
});
