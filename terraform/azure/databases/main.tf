module "names" {
  source = "../../modules/naming"

  name_prefix = var.name_prefix
  environment = var.environment
  regions     = keys(var.regions)
}

module "capabilities" {
  source = "../../modules/region-capabilities"

  regions = keys(var.regions)
}

locals {
  names            = module.names.regional
  primary_region   = one([for region, cfg in var.regions : region if cfg.traffic_manager_priority == 1])
  secondary_region = toset([for region in keys(var.regions) : region if region != local.primary_region])
  # Private endpoints for Cosmos DB and Redis in every region: the app in each region reaches
  # both data stores privately, whichever region currently holds the write role.
  private_endpoints = merge(
    { for region in keys(var.regions) : "cosmos-${region}" => { region = region, service = "cosmos", target = azurerm_cosmosdb_account.this.id, subresource = "Sql" } },
    { for region in keys(var.regions) : "redis-${region}" => { region = region, service = "redis", target = azurerm_redis_cache.this[region].id, subresource = "redisCache" } },
  )
}

resource "azurerm_cosmosdb_account" "this" {
  name                       = module.names.cosmos_account_name
  location                   = local.primary_region
  resource_group_name        = var.global_resource_group_name
  offer_type                 = "Standard"
  kind                       = "GlobalDocumentDB"
  automatic_failover_enabled = true
  # Strong consistency (production: RPO 0) cannot be combined with several write regions;
  # Session (staging) can, so staging writes in both regions and needs no write failover.
  multiple_write_locations_enabled   = var.cosmos_consistency_level != "Strong"
  public_network_access_enabled      = false
  local_authentication_disabled      = true
  access_key_metadata_writes_enabled = false
  tags                               = var.tags

  consistency_policy {
    consistency_level = var.cosmos_consistency_level
  }

  dynamic "geo_location" {
    for_each = var.regions
    content {
      location          = geo_location.key
      failover_priority = geo_location.value.traffic_manager_priority - 1
      zone_redundant    = module.capabilities.regions[geo_location.key].cosmos_zone_redundant
    }
  }

  backup {
    type = "Continuous"
    tier = "Continuous7Days"
  }
}

resource "azurerm_postgresql_flexible_server" "primary" {
  name                          = local.names[local.primary_region].postgres_server
  location                      = local.primary_region
  resource_group_name           = var.regional_resource_group_names[local.primary_region]
  version                       = var.postgres.version
  sku_name                      = var.postgres.sku_name
  storage_mb                    = var.postgres.storage_mb
  auto_grow_enabled             = true
  delegated_subnet_id           = var.subnet_ids[local.primary_region]["postgres"]
  private_dns_zone_id           = var.private_dns_zone_ids["postgres"]
  public_network_access_enabled = false
  backup_retention_days         = 35
  geo_redundant_backup_enabled  = true
  zone                          = module.capabilities.regions[local.primary_region].postgres_zone
  tags                          = var.tags

  authentication {
    active_directory_auth_enabled = true
    password_auth_enabled         = false
    tenant_id                     = var.tenant_id
  }

  high_availability {
    mode                      = module.capabilities.regions[local.primary_region].postgres_ha_mode
    standby_availability_zone = module.capabilities.regions[local.primary_region].postgres_standby_zone
  }

  lifecycle {
    # Azure moves the primary between zones on HA failover; fighting that would trigger
    # a second failover on the next apply.
    ignore_changes = [zone, high_availability[0].standby_availability_zone]
  }
}

resource "azurerm_postgresql_flexible_server_active_directory_administrator" "primary" {
  server_name         = azurerm_postgresql_flexible_server.primary.name
  resource_group_name = azurerm_postgresql_flexible_server.primary.resource_group_name
  tenant_id           = var.tenant_id
  object_id           = var.database_admin_group.object_id
  principal_name      = var.database_admin_group.name
  principal_type      = "Group"
}

# The portal connects with an access token of its workload identity (app-config.production.yaml,
# connection.type azure), never a password. It is an Entra administrator because Backstage
# creates one database per plugin on first start.
resource "azurerm_postgresql_flexible_server_active_directory_administrator" "portal" {
  server_name         = azurerm_postgresql_flexible_server.primary.name
  resource_group_name = azurerm_postgresql_flexible_server.primary.resource_group_name
  tenant_id           = var.tenant_id
  object_id           = var.portal_identity.principal_id
  principal_name      = var.portal_identity.name
  principal_type      = "ServicePrincipal"
}

# Asynchronous cross-region read replica: promoted by the failover runbook. Its lag is exported
# as db_replication_lag_seconds and alerted on well before the 60 s RPO is at risk.
resource "azurerm_postgresql_flexible_server" "replica" {
  for_each = local.secondary_region

  name                          = local.names[each.key].postgres_server
  location                      = each.key
  resource_group_name           = var.regional_resource_group_names[each.key]
  create_mode                   = "Replica"
  source_server_id              = azurerm_postgresql_flexible_server.primary.id
  version                       = var.postgres.version
  sku_name                      = var.postgres.sku_name
  storage_mb                    = var.postgres.storage_mb
  auto_grow_enabled             = true
  delegated_subnet_id           = var.subnet_ids[each.key]["postgres"]
  private_dns_zone_id           = var.private_dns_zone_ids["postgres"]
  public_network_access_enabled = false
  zone                          = module.capabilities.regions[each.key].postgres_zone
  tags                          = var.tags

  authentication {
    active_directory_auth_enabled = true
    password_auth_enabled         = false
    tenant_id                     = var.tenant_id
  }
}

# The app's one database host: the writer endpoint always points at the current primary, and a
# "promote to primary" (switchover) of the replica moves it to West US without touching any
# connection string. This is what makes a region failover meet the RPO without a redeploy.
resource "azurerm_postgresql_flexible_server_virtual_endpoint" "this" {
  name              = module.names.postgres_virtual_endpoint_name
  source_server_id  = azurerm_postgresql_flexible_server.primary.id
  replica_server_id = one(values(azurerm_postgresql_flexible_server.replica)).id
  type              = "ReadWrite"
}

resource "azurerm_redis_cache" "this" {
  for_each = var.regions

  name                               = local.names[each.key].redis_cache
  location                           = each.key
  resource_group_name                = var.regional_resource_group_names[each.key]
  sku_name                           = "Premium"
  family                             = "P"
  capacity                           = var.redis_capacity
  non_ssl_port_enabled               = false
  minimum_tls_version                = "1.2"
  public_network_access_enabled      = false
  access_keys_authentication_enabled = false
  tags                               = var.tags

  redis_configuration {
    active_directory_authentication_enabled = true
  }
}

# Passive geo-replication: the primary cache replicates to each secondary, which is read-only
# until the link is removed during a region failover.
resource "azurerm_redis_linked_server" "this" {
  for_each = local.secondary_region

  target_redis_cache_name     = azurerm_redis_cache.this[local.primary_region].name
  resource_group_name         = azurerm_redis_cache.this[local.primary_region].resource_group_name
  linked_redis_cache_id       = azurerm_redis_cache.this[each.key].id
  linked_redis_cache_location = each.key
  server_role                 = "Secondary"
}

module "private_endpoint" {
  source   = "../../modules/private-endpoint"
  for_each = local.private_endpoints

  name                = "pe-${module.names.traffic_manager_relative_name}-${each.key}"
  location            = each.value.region
  resource_group_name = var.regional_resource_group_names[each.value.region]
  subnet_id           = var.subnet_ids[each.value.region]["private-endpoints"]
  target_resource_id  = each.value.target
  subresource_name    = each.value.subresource
  private_dns_zone_id = each.value.service == "cosmos" ? var.cosmos_private_dns_zone_ids[each.value.region] : var.private_dns_zone_ids[each.value.service]
  tags                = var.tags
}
