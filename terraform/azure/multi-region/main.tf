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
  location = local.primary_region
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

locals {
  primary_region = one([for region, cfg in var.regions : region if cfg.traffic_manager_priority == 1])
  # Images are built once and promoted from staging to production unchanged, so there is one
  # registry: production owns it, staging looks it up (production is applied first once).
  owns_registry = var.environment == "production"
}

# Premium for geo-replication: each region pulls from its own replica, so the standby can
# start pods while the primary region is down.
resource "azurerm_container_registry" "shared" {
  count = local.owns_registry ? 1 : 0

  name                          = module.names.container_registry_name
  resource_group_name           = azurerm_resource_group.global.name
  location                      = local.primary_region
  sku                           = "Premium"
  admin_enabled                 = false
  anonymous_pull_enabled        = false
  public_network_access_enabled = true
  tags                          = local.tags

  dynamic "georeplications" {
    for_each = [for region in keys(var.regions) : region if region != local.primary_region]
    content {
      location                  = georeplications.value
      regional_endpoint_enabled = true
      tags                      = local.tags
    }
  }
}

data "azurerm_container_registry" "shared" {
  count = local.owns_registry ? 0 : 1

  name                = module.names.container_registry_name
  resource_group_name = module.names.container_registry_resource_group_name
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
  container_registry_id         = local.owns_registry ? azurerm_container_registry.shared[0].id : data.azurerm_container_registry.shared[0].id
  tags                          = local.tags
}

module "monitoring" {
  source = "../monitoring"

  name_prefix                   = var.name_prefix
  environment                   = var.environment
  regions                       = toset(keys(var.regions))
  regional_resource_group_names = { for region, rg in azurerm_resource_group.regional : region => rg.name }
  global_resource_group_name    = azurerm_resource_group.global.name
  aks_cluster_ids               = module.compute.aks_cluster_ids
  aks_cluster_names             = module.compute.aks_cluster_names
  alert_email_receivers         = var.alert_email_receivers
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
