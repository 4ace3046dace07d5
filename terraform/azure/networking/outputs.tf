output "traffic_manager_profile_name" {
  description = "Traffic Manager profile name."
  value       = module.traffic_manager.profile_name
}

output "traffic_manager_fqdn" {
  description = "Traffic Manager FQDN."
  value       = module.traffic_manager.fqdn
}

output "traffic_manager_profile_id" {
  description = "Traffic Manager profile resource ID."
  value       = module.traffic_manager.profile_id
}

output "subnet_ids" {
  description = "Subnet IDs per region, then per purpose."
  value       = { for region, net in module.regional_network : region => net.subnet_ids }
}

output "vnet_ids" {
  description = "VNet IDs per region."
  value       = { for region, net in module.regional_network : region => net.vnet_id }
}

output "ingress_public_ips" {
  description = "Ingress public IP addresses per region (loadBalancerIP of each cluster's ingress)."
  value       = { for region, net in module.regional_network : region => net.ingress_public_ip_address }
}

output "private_dns_zone_ids" {
  description = "Shared private DNS zone IDs keyed by service: postgres, redis. Known only once every VNet link exists, so servers placed in them are created after their name resolves."
  value       = { for name, zone in azurerm_private_dns_zone.this : name => zone.id }
  depends_on  = [azurerm_private_dns_zone_virtual_network_link.this]
}

output "cosmos_private_dns_zone_ids" {
  description = "Per-region Cosmos DB private DNS zone IDs keyed by region, each linked to its own region's VNet only."
  value       = { for region, zone in azurerm_private_dns_zone.cosmos : region => zone.id }
  depends_on  = [azurerm_private_dns_zone_virtual_network_link.cosmos]
}
