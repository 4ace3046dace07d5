# What each Azure region this platform may deploy to actually offers. Every module reads its
# zonal and SKU settings from here, so a region without availability zones (West US) gets
# regional resources instead of a request Azure rejects at apply time
# (LocationNotSupportAvailabilityZones). Source: Microsoft's "Azure regions list"
# (learn.microsoft.com/azure/reliability/regions-list); packages/iac-validation checks this
# table against its own copy of that list.
locals {
  table = {
    eastus = {
      display_name = "East US"
      zones        = ["1", "2", "3"]
    }
    eastus2 = {
      display_name = "East US 2"
      zones        = ["1", "2", "3"]
    }
    centralus = {
      display_name = "Central US"
      zones        = ["1", "2", "3"]
    }
    westus = {
      display_name = "West US"
      zones        = []
    }
    westus2 = {
      display_name = "West US 2"
      zones        = ["1", "2", "3"]
    }
    westus3 = {
      display_name = "West US 3"
      zones        = ["1", "2", "3"]
    }
    northcentralus = {
      display_name = "North Central US"
      zones        = []
    }
  }

  # Settings derived from the zones, one place for every module. PostgreSQL Flexible Server
  # offers same-zone HA where there are no zones; Cosmos DB, Container Apps and Standard public
  # IPs are zone redundant only where zones exist.
  regions = {
    for region in var.regions : region => {
      display_name                  = local.table[region].display_name
      zones                         = local.table[region].zones
      has_zones                     = length(local.table[region].zones) > 0
      postgres_ha_mode              = length(local.table[region].zones) > 0 ? "ZoneRedundant" : "SameZone"
      postgres_zone                 = length(local.table[region].zones) > 0 ? local.table[region].zones[0] : null
      postgres_standby_zone         = length(local.table[region].zones) > 0 ? local.table[region].zones[1] : null
      cosmos_zone_redundant         = length(local.table[region].zones) > 0
      container_apps_zone_redundant = length(local.table[region].zones) > 0
    }
  }
}
