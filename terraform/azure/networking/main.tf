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
  names = module.names.regional
  # Peering is created in both directions; each pair is keyed "<from>-to-<to>".
  peerings = {
    for pair in setproduct(keys(var.regions), keys(var.regions)) :
    "${pair[0]}-to-${pair[1]}" => { from = pair[0], to = pair[1] } if pair[0] != pair[1]
  }
  # Shared zones: every name in them is distinct per region (one server or cache per region).
  # Cosmos DB is not: both regions' private endpoints register the same account names, so a
  # shared zone would keep only the last writer's IPs; each region gets its own zone instead.
  private_dns_zones = {
    postgres = module.names.postgres_private_dns_zone_name
    redis    = "privatelink.redis.cache.windows.net"
  }
  zone_links = {
    for pair in setproduct(keys(local.private_dns_zones), keys(var.regions)) :
    "${pair[0]}-${pair[1]}" => { zone = pair[0], region = pair[1] }
  }
}

module "regional_network" {
  source   = "../../modules/regional-network"
  for_each = var.regions

  location               = each.key
  resource_group_name    = var.regional_resource_group_names[each.key]
  vnet_name              = local.names[each.key].vnet
  nsg_name               = local.names[each.key].network_security
  ingress_public_ip_name = local.names[each.key].ingress_public_ip
  ingress_dns_label      = "${module.names.traffic_manager_relative_name}-${each.key}"
  address_space          = each.value.address_space
  zones                  = module.capabilities.regions[each.key].zones
  tags                   = var.tags
}

# The standby region must reach the primary database and cache (replication, promotion checks),
# hence global peering between the regional VNets.
resource "azurerm_virtual_network_peering" "this" {
  for_each = local.peerings

  name                         = "peer-${each.key}"
  resource_group_name          = var.regional_resource_group_names[each.value.from]
  virtual_network_name         = module.regional_network[each.value.from].vnet_name
  remote_virtual_network_id    = module.regional_network[each.value.to].vnet_id
  allow_virtual_network_access = true
  allow_forwarded_traffic      = false
}

resource "azurerm_private_dns_zone" "this" {
  for_each = local.private_dns_zones

  name                = each.value
  resource_group_name = var.global_resource_group_name
  tags                = var.tags
}

resource "azurerm_private_dns_zone_virtual_network_link" "this" {
  for_each = local.zone_links

  name                  = "link-${each.key}"
  resource_group_name   = var.global_resource_group_name
  private_dns_zone_name = azurerm_private_dns_zone.this[each.value.zone].name
  virtual_network_id    = module.regional_network[each.value.region].vnet_id
  registration_enabled  = false
  tags                  = var.tags
}

resource "azurerm_private_dns_zone" "cosmos" {
  for_each = var.regions

  name                = "privatelink.documents.azure.com"
  resource_group_name = var.regional_resource_group_names[each.key]
  tags                = var.tags
}

resource "azurerm_private_dns_zone_virtual_network_link" "cosmos" {
  for_each = var.regions

  name                  = "link-cosmos-${each.key}"
  resource_group_name   = var.regional_resource_group_names[each.key]
  private_dns_zone_name = azurerm_private_dns_zone.cosmos[each.key].name
  virtual_network_id    = module.regional_network[each.key].vnet_id
  registration_enabled  = false
  tags                  = var.tags
}

module "traffic_manager" {
  source = "../../modules/traffic-manager"

  profile_name        = module.names.traffic_manager_profile_name
  resource_group_name = var.global_resource_group_name
  relative_dns_name   = module.names.traffic_manager_relative_name
  dns_ttl_seconds     = var.dns_ttl_seconds
  monitor = {
    protocol                     = "HTTPS"
    port                         = 443
    path                         = var.health_probe_path
    interval_in_seconds          = var.probe_interval_seconds
    timeout_in_seconds           = var.probe_timeout_seconds
    tolerated_number_of_failures = var.probe_tolerated_failures
    expected_status_code_ranges  = ["200-299"]
    host_header                  = "${module.names.traffic_manager_relative_name}.trafficmanager.net"
  }
  endpoints = {
    for region, cfg in var.regions : region => {
      target_resource_id = module.regional_network[region].ingress_public_ip_id
      priority           = cfg.traffic_manager_priority
    }
  }
  tags = var.tags
}
