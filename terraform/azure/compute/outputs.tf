output "aks_cluster_names" {
  description = "AKS cluster names keyed by region."
  value       = { for region, cluster in module.aks : region => cluster.name }
}

output "aks_cluster_ids" {
  description = "AKS cluster resource IDs keyed by region."
  value       = { for region, cluster in module.aks : region => cluster.id }
}

output "aks_oidc_issuer_urls" {
  description = "OIDC issuers keyed by region, for the portal's workload identity federation."
  value       = { for region, cluster in module.aks : region => cluster.oidc_issuer_url }
}

output "container_app_environment_ids" {
  description = "Container Apps environment IDs keyed by region."
  value       = { for region, env in azurerm_container_app_environment.this : region => env.id }
}
