import { formatProblems } from '../types';
import { copyRepo, plant, removeTemp, REPO_ROOT } from '../util/testing';
import { validatePrivateDns } from './privateDns';

describe('validatePrivateDns', () => {
  it('accepts the repository terraform/ tree', async () => {
    expect(formatProblems(await validatePrivateDns(REPO_ROOT))).toBe('');
  });

  describe('planted faults', () => {
    let root: string;
    beforeEach(() => {
      root = copyRepo(['terraform']);
    });
    afterEach(() => removeTemp(root));
    const messages = async () => formatProblems(await validatePrivateDns(root));

    it('reports PostgreSQL created before its zone is linked', async () => {
      plant(
        root,
        'terraform/azure/networking/outputs.tf',
        /\n {2}depends_on {2}= \[azurerm_private_dns_zone_virtual_network_link\.this\]/,
        '',
      );
      const out = await messages();
      expect(out).toMatch(
        /databases\/main\.tf: azurerm_postgresql_flexible_server\.primary is not ordered after its private DNS zone's VNet links: terraform\/azure\/multi-region passes var\.private_dns_zone_ids from "\$\{module\.networking\.private_dns_zone_ids\}"/,
      );
      expect(out).toMatch(
        /azurerm_postgresql_flexible_server\.replica is not ordered/,
      );
    });

    it('requires a zone ID not fed by an ordered output to come with depends_on on a link', async () => {
      const databases = 'terraform/azure/databases/main.tf';
      plant(
        root,
        databases,
        'private_dns_zone_id           = var.private_dns_zone_ids["postgres"]',
        'private_dns_zone_id           = azurerm_private_dns_zone.local.id',
      );
      expect(await messages()).toMatch(
        /azurerm_postgresql_flexible_server\.primary is not ordered .* neither a variable fed by a link-ordered output/,
      );
      plant(
        root,
        databases,
        'private_dns_zone_id           = azurerm_private_dns_zone.local.id',
        'private_dns_zone_id           = azurerm_private_dns_zone.local.id\n  depends_on                    = [azurerm_private_dns_zone_virtual_network_link.local]',
      );
      expect(await messages()).toBe('');
    });

    it('reports one Cosmos zone shared by both regions', async () => {
      plant(
        root,
        'terraform/azure/networking/main.tf',
        '    redis    = "privatelink.redis.cache.windows.net"',
        '    redis    = "privatelink.redis.cache.windows.net"\n    cosmos   = "privatelink.documents.azure.com"',
      );
      plant(
        root,
        'terraform/azure/databases/main.tf',
        'private_dns_zone_id = each.value.service == "cosmos" ? var.cosmos_private_dns_zone_ids[each.value.region] : var.private_dns_zone_ids[each.value.service]',
        'private_dns_zone_id = each.value.service == "cosmos" ? var.cosmos_private_dns_zone_ids["eastus"] : var.private_dns_zone_ids[each.value.service]',
      );
      const out = await messages();
      expect(out).toMatch(
        /networking\/main\.tf: privatelink\.documents\.azure\.com is used outside a per-region zone resource/,
      );
      expect(out).toMatch(
        /databases\/main\.tf: module "private_endpoint": Cosmos private endpoints must use their own region's zone/,
      );
    });

    it('reports a Cosmos zone that is not per region', async () => {
      plant(
        root,
        'terraform/azure/networking/main.tf',
        /(resource "azurerm_private_dns_zone" "cosmos" \{\n {2}for_each = )var\.regions/,
        '$1toset(["eastus"])',
      );
      expect(await messages()).toMatch(
        /azurerm_private_dns_zone\.cosmos \(privatelink\.documents\.azure\.com\) must exist once per region/,
      );
    });
  });
});
