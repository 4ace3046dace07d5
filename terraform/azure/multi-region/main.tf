module "names" {
  source = "../../modules/naming"

  name_prefix = var.name_prefix
  environment = var.environment
  regions     = keys(var.regions)
}

locals {
  tags = merge(
    {
      product     = var.name_prefix
      environment = var.environment
      managed-by  = "terraform"
      repository  = "nt-infra"
    },
    var.tags,
  )
}

resource "azurerm_resource_group" "global" {
  name     = module.names.global_resource_group_name
  location = one([for region, cfg in var.regions : region if cfg.traffic_manager_priority == 1])
  tags     = local.tags
}

resource "azurerm_resource_group" "regional" {
  for_each = var.regions

  name     = module.names.regional[each.key].resource_group
  location = each.key
  tags     = merge(local.tags, { region = each.value.display_name })
}

module "networking" {
  source = "../networking"

  name_prefix = var.name_prefix
  environment = var.environment
  regions = {
    for region, cfg in var.regions : region => {
      traffic_manager_priority = cfg.traffic_manager_priority
      address_space            = cfg.address_space
    }
  }
  global_resource_group_name    = azurerm_resource_group.global.name
  regional_resource_group_names = { for region, rg in azurerm_resource_group.regional : region => rg.name }
  dns_ttl_seconds               = var.dns_ttl_seconds
  tags                          = local.tags
}

module "databases" {
  source = "../databases"

  name_prefix                   = var.name_prefix
  environment                   = var.environment
  regions                       = { for region, cfg in var.regions : region => { traffic_manager_priority = cfg.traffic_manager_priority } }
  global_resource_group_name    = azurerm_resource_group.global.name
  regional_resource_group_names = { for region, rg in azurerm_resource_group.regional : region => rg.name }
  subnet_ids                    = module.networking.subnet_ids
  private_dns_zone_ids          = module.networking.private_dns_zone_ids
  cosmos_private_dns_zone_ids   = module.networking.cosmos_private_dns_zone_ids
  tenant_id                     = data.azurerm_client_config.current.tenant_id
  database_admin_group          = var.database_admin_group
  portal_identity               = module.workload_identity.portal_identity
  cosmos_consistency_level      = var.cosmos_consistency_level
  postgres                      = var.postgres
  redis_capacity                = var.redis_capacity
  tags                          = local.tags
}

module "compute" {
  source = "../compute"

  name_prefix                   = var.name_prefix
  environment                   = var.environment
  regions                       = toset(keys(var.regions))
  regional_resource_group_names = { for region, rg in azurerm_resource_group.regional : region => rg.name }
  regional_resource_group_ids   = { for region, rg in azurerm_resource_group.regional : region => rg.id }
  subnet_ids                    = module.networking.subnet_ids
  tenant_id                     = data.azurerm_client_config.current.tenant_id
  admin_group_object_ids        = var.admin_group_object_ids
  kubernetes_version            = var.kubernetes_version
  system_node_vm_size           = var.system_node_vm_size
  app_node_vm_size              = var.app_node_vm_size
  app_node_count                = var.app_node_count
  log_retention_days            = var.log_retention_days
  tags                          = local.tags
}

# Key Vault and the workload identities of the portal and the OpenTelemetry collector, federated
# with every cluster's OIDC issuer (kubernetes/base/nt-infra, kubernetes/platform/otel-collector).
module "workload_identity" {
  source = "../workload-identity"

  name_prefix                   = var.name_prefix
  environment                   = var.environment
  location                      = azurerm_resource_group.global.location
  resource_group_name           = azurerm_resource_group.global.name
  tenant_id                     = data.azurerm_client_config.current.tenant_id
  oidc_issuer_urls              = module.compute.aks_oidc_issuer_urls
  aks_subnet_ids                = { for region, ids in module.networking.subnet_ids : region => ids["aks"] }
  vault_writer_group_object_ids = var.admin_group_object_ids
  tags                          = local.tags
}
