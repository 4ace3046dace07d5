module "names" {
  source = "../../modules/naming"

  name_prefix = var.name_prefix
  environment = var.environment
  regions     = tolist(var.regions)
}

module "capabilities" {
  source = "../../modules/region-capabilities"

  regions = tolist(var.regions)
}

locals {
  names = module.names.regional
}

resource "azurerm_log_analytics_workspace" "this" {
  for_each = var.regions

  name                = local.names[each.key].log_analytics
  location            = each.key
  resource_group_name = var.regional_resource_group_names[each.key]
  sku                 = "PerGB2018"
  retention_in_days   = var.log_retention_days
  tags                = var.tags
}

module "aks" {
  source   = "../../modules/aks-cluster"
  for_each = var.regions

  name                       = local.names[each.key].aks_cluster
  location                   = each.key
  resource_group_name        = var.regional_resource_group_names[each.key]
  dns_prefix                 = local.names[each.key].aks_dns_prefix
  kubernetes_version         = var.kubernetes_version
  node_subnet_id             = var.subnet_ids[each.key]["aks"]
  zones                      = module.capabilities.regions[each.key].zones
  system_node_vm_size        = var.system_node_vm_size
  app_node_vm_size           = var.app_node_vm_size
  app_node_count             = var.app_node_count
  admin_group_object_ids     = var.admin_group_object_ids
  tenant_id                  = var.tenant_id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.this[each.key].id
  ingress_resource_group_id  = var.regional_resource_group_ids[each.key]
  container_registry_id      = var.container_registry_id
  tags                       = var.tags
}

# Container Apps hosts the lightweight jobs (portal-triggered probes, report generation) that do
# not justify cluster capacity; it is internal-only and lives in each region like the clusters.
resource "azurerm_container_app_environment" "this" {
  for_each = var.regions

  name                           = local.names[each.key].container_app_env
  location                       = each.key
  resource_group_name            = var.regional_resource_group_names[each.key]
  log_analytics_workspace_id     = azurerm_log_analytics_workspace.this[each.key].id
  infrastructure_subnet_id       = var.subnet_ids[each.key]["container-apps"]
  internal_load_balancer_enabled = true
  zone_redundancy_enabled        = module.capabilities.regions[each.key].container_apps_zone_redundant
  tags                           = var.tags

  workload_profile {
    name                  = "Consumption"
    workload_profile_type = "Consumption"
  }
}
