output "traffic_manager_profile_name" {
  description = "Traffic Manager profile the portal reads and drives (tm-ntai-<env>)."
  value       = module.networking.traffic_manager_profile_name
}

output "traffic_manager_fqdn" {
  description = "Public FQDN of the platform (ntai-<env>.trafficmanager.net)."
  value       = module.networking.traffic_manager_fqdn
}

output "global_resource_group_name" {
  description = "Resource group of the Traffic Manager profile and Cosmos DB account."
  value       = azurerm_resource_group.global.name
}

output "regional_resource_group_names" {
  description = "Regional resource groups keyed by region."
  value       = { for region, rg in azurerm_resource_group.regional : region => rg.name }
}

output "aks_cluster_names" {
  description = "AKS cluster names keyed by region (the portal's cluster list)."
  value       = module.compute.aks_cluster_names
}

output "ingress_public_ips" {
  description = "Static ingress IPs keyed by region."
  value       = module.networking.ingress_public_ips
}

output "postgres_primary_fqdn" {
  description = "PostgreSQL write primary."
  value       = module.databases.postgres_primary_fqdn
}

output "postgres_writer_fqdn" {
  description = "PostgreSQL host of both overlays (virtual endpoint, follows the primary)."
  value       = module.databases.postgres_writer_fqdn
}

output "postgres_server_names" {
  description = "PostgreSQL servers keyed by region."
  value       = module.databases.postgres_server_names
}

output "cosmos_account_name" {
  description = "Cosmos DB account."
  value       = module.databases.cosmos_account_name
}

output "redis_hostnames" {
  description = "Redis host names keyed by region."
  value       = module.databases.redis_hostnames
}

output "prometheus_query_endpoints" {
  description = "Managed Prometheus query endpoints keyed by region."
  value       = module.monitoring.prometheus_query_endpoints
}

output "key_vault_name" {
  description = "Key Vault of the workload secrets (keyvaultName of the SecretProviderClasses)."
  value       = module.workload_identity.key_vault_name
}

output "workload_identity_client_ids" {
  description = "Client IDs of the portal's and the collector's workload identities, for kubernetes/overlays/<env>/workload-identity.env."
  value       = module.workload_identity.client_ids
}

output "tenant_id" {
  description = "Entra tenant of the workload identities (azure-tenant-id of kubernetes/overlays/<env>/workload-identity.env)."
  value       = data.azurerm_client_config.current.tenant_id
}
