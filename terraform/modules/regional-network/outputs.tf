output "vnet_id" {
  description = "ID of the regional virtual network."
  value       = azurerm_virtual_network.this.id
}

output "vnet_name" {
  description = "Name of the regional virtual network."
  value       = azurerm_virtual_network.this.name
}

output "subnet_ids" {
  description = "Subnet IDs keyed by purpose: aks, container-apps, postgres, private-endpoints."
  value       = { for name, subnet in azurerm_subnet.this : name => subnet.id }
}

output "ingress_public_ip_id" {
  description = "ID of the ingress public IP, the Traffic Manager azureEndpoints target."
  value       = azurerm_public_ip.ingress.id
}

output "ingress_public_ip_address" {
  description = "Address of the ingress public IP (set as loadBalancerIP of the ingress controller)."
  value       = azurerm_public_ip.ingress.ip_address
}

output "ingress_fqdn" {
  description = "Regional FQDN of the ingress public IP."
  value       = azurerm_public_ip.ingress.fqdn
}
