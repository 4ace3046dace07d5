output "monitor_workspace_ids" {
  description = "Azure Monitor workspace (managed Prometheus) IDs keyed by region."
  value       = { for region, ws in azurerm_monitor_workspace.this : region => ws.id }
}

output "prometheus_query_endpoints" {
  description = "PromQL query endpoints keyed by region (the portal's and Grafana's Prometheus data sources)."
  value       = { for region, ws in azurerm_monitor_workspace.this : region => ws.query_endpoint }
}

output "action_group_id" {
  description = "Action group every Prometheus alert notifies."
  value       = azurerm_monitor_action_group.this.id
}

output "prometheus_rule_group_names" {
  description = "Deployed Prometheus rule groups, one per rules-file group and cluster."
  value       = sort([for group in azurerm_monitor_alert_prometheus_rule_group.this : group.name])
}
