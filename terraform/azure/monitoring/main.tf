module "names" {
  source = "../../modules/naming"

  name_prefix = var.name_prefix
  environment = var.environment
  regions     = tolist(var.regions)
}

locals {
  names = module.names.regional

  # Every group runs once per cluster (cluster_name scopes it to that cluster's series), in the
  # cluster's own region and workspace: losing a region loses neither the other region's
  # recording rules nor its alerts.
  cluster_rule_groups = {
    for pair in setproduct(sort(tolist(var.regions)), sort(keys(module.rules.groups))) :
    "${pair[0]}-${pair[1]}" => { region = pair[0], group = module.rules.groups[pair[1]] }
  }
}

# One source: the rule files promtool tests are the rule groups deployed here.
module "rules" {
  source = "../../modules/prometheus-rules"

  rules_dir = "${path.module}/../../../monitoring/prometheus/rules"
}

# Azure Monitor workspace (managed Prometheus) per region: each cluster's metrics stay in its
# region, and the surviving region keeps evaluating its rules during a region outage.
resource "azurerm_monitor_workspace" "this" {
  for_each = var.regions

  name                = local.names[each.key].monitor_workspace
  location            = each.key
  resource_group_name = var.regional_resource_group_names[each.key]
  tags                = var.tags
}

resource "azurerm_monitor_data_collection_endpoint" "this" {
  for_each = var.regions

  name                = local.names[each.key].collection_ep
  location            = each.key
  resource_group_name = var.regional_resource_group_names[each.key]
  kind                = "Linux"
  tags                = var.tags
}

# What the cluster's metrics agent (ama-metrics, enabled by monitor_metrics {} on AKS) scrapes
# is forwarded to the region's workspace.
resource "azurerm_monitor_data_collection_rule" "this" {
  for_each = var.regions

  name                        = local.names[each.key].collection_rule
  location                    = each.key
  resource_group_name         = var.regional_resource_group_names[each.key]
  data_collection_endpoint_id = azurerm_monitor_data_collection_endpoint.this[each.key].id
  kind                        = "Linux"
  description                 = "Managed Prometheus metrics of ${var.aks_cluster_names[each.key]}"
  tags                        = var.tags

  destinations {
    monitor_account {
      monitor_account_id = azurerm_monitor_workspace.this[each.key].id
      name               = "workspace"
    }
  }

  data_flow {
    streams      = ["Microsoft-PrometheusMetrics"]
    destinations = ["workspace"]
  }

  data_sources {
    prometheus_forwarder {
      streams = ["Microsoft-PrometheusMetrics"]
      name    = "PrometheusDataSource"
    }
  }
}

resource "azurerm_monitor_data_collection_rule_association" "rule" {
  for_each = var.regions

  name                    = "dcra-${local.names[each.key].aks_cluster}"
  target_resource_id      = var.aks_cluster_ids[each.key]
  data_collection_rule_id = azurerm_monitor_data_collection_rule.this[each.key].id
  description             = "Sends the cluster's Prometheus metrics to ${local.names[each.key].monitor_workspace}."
}

# The agent reads its configuration through the endpoint; Azure requires this exact name.
resource "azurerm_monitor_data_collection_rule_association" "endpoint" {
  for_each = var.regions

  name                        = "configurationAccessEndpoint"
  target_resource_id          = var.aks_cluster_ids[each.key]
  data_collection_endpoint_id = azurerm_monitor_data_collection_endpoint.this[each.key].id
}

# One action group for the environment: an alert from either region reaches the same on-call.
resource "azurerm_monitor_action_group" "this" {
  name                = module.names.action_group_name
  resource_group_name = var.global_resource_group_name
  short_name          = substr(replace("${var.name_prefix}${var.environment}", "-", ""), 0, 12)
  tags                = var.tags

  dynamic "email_receiver" {
    for_each = var.alert_email_receivers
    content {
      name                    = email_receiver.key
      email_address           = email_receiver.value
      use_common_alert_schema = true
    }
  }
}

resource "azurerm_monitor_alert_prometheus_rule_group" "this" {
  for_each = local.cluster_rule_groups

  name                = "${each.value.group.name}-${local.names[each.value.region].aks_cluster}"
  location            = each.value.region
  resource_group_name = var.regional_resource_group_names[each.value.region]
  cluster_name        = var.aks_cluster_names[each.value.region]
  description         = "monitoring/prometheus group ${each.value.group.name} for ${var.aks_cluster_names[each.value.region]}"
  rule_group_enabled  = true
  interval            = each.value.group.interval
  scopes              = [azurerm_monitor_workspace.this[each.value.region].id, var.aks_cluster_ids[each.value.region]]
  tags                = var.tags

  dynamic "rule" {
    for_each = each.value.group.rules
    content {
      record      = rule.value.record
      alert       = rule.value.alert
      expression  = rule.value.expression
      enabled     = true
      for         = rule.value.for
      labels      = rule.value.labels
      annotations = rule.value.annotations
      severity    = rule.value.severity

      dynamic "action" {
        for_each = rule.value.alert != null ? [azurerm_monitor_action_group.this.id] : []
        content {
          action_group_id = action.value
        }
      }

      dynamic "alert_resolution" {
        for_each = rule.value.alert != null ? [true] : []
        content {
          auto_resolved   = true
          time_to_resolve = "PT10M"
        }
      }
    }
  }
}
