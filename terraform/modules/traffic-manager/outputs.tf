output "profile_id" {
  description = "Resource ID of the Traffic Manager profile."
  value       = azurerm_traffic_manager_profile.this.id
}

output "profile_name" {
  description = "Name of the Traffic Manager profile."
  value       = azurerm_traffic_manager_profile.this.name
}

output "fqdn" {
  description = "Public FQDN clients resolve (<relative name>.trafficmanager.net)."
  value       = azurerm_traffic_manager_profile.this.fqdn
}

output "endpoint_ids" {
  description = "Endpoint resource IDs keyed by endpoint name."
  value       = { for name, endpoint in azurerm_traffic_manager_azure_endpoint.this : name => endpoint.id }
}
