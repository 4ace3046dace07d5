resource "azurerm_traffic_manager_profile" "this" {
  name                   = var.profile_name
  resource_group_name    = var.resource_group_name
  traffic_routing_method = "Priority"
  tags                   = var.tags

  dns_config {
    relative_name = var.relative_dns_name
    ttl           = var.dns_ttl_seconds
  }

  monitor_config {
    protocol                     = var.monitor.protocol
    port                         = var.monitor.port
    path                         = var.monitor.path
    interval_in_seconds          = var.monitor.interval_in_seconds
    timeout_in_seconds           = var.monitor.timeout_in_seconds
    tolerated_number_of_failures = var.monitor.tolerated_number_of_failures
    expected_status_code_ranges  = var.monitor.expected_status_code_ranges

    # The ingress routes by host name; probes must carry the public host or they hit the
    # default backend and report a healthy 404 page as a failure.
    custom_header {
      name  = "host"
      value = var.monitor.host_header
    }
  }
}

resource "azurerm_traffic_manager_azure_endpoint" "this" {
  for_each = var.endpoints

  name               = each.key
  profile_id         = azurerm_traffic_manager_profile.this.id
  target_resource_id = each.value.target_resource_id
  priority           = each.value.priority
  enabled            = true
  # always_serve would hide a dead region from the probe and defeat failover.
  always_serve_enabled = false
}
