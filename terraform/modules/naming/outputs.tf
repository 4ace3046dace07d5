output "global_resource_group_name" {
  description = "Resource group holding global resources (Traffic Manager, Cosmos DB)."
  value       = "rg-${local.base}-global"
}

output "traffic_manager_profile_name" {
  description = "Traffic Manager profile name (tm-<prefix>-<env>)."
  value       = "tm-${local.base}"
}

output "traffic_manager_relative_name" {
  description = "DNS relative name of the Traffic Manager profile; the FQDN is <name>.trafficmanager.net."
  value       = local.base
}

output "cosmos_account_name" {
  description = "Cosmos DB account name (globally unique DNS label)."
  value       = "cosmos-${local.base}"
}

output "postgres_private_dns_zone_name" {
  description = "Private DNS zone shared by the PostgreSQL primary and its replica."
  value       = "${local.base}.private.postgres.database.azure.com"
}

output "postgres_virtual_endpoint_name" {
  description = "PostgreSQL virtual endpoint; the app connects to <name>.writer.postgres.database.azure.com, which follows the primary across a promotion."
  value       = "psql-${local.base}"
}

output "container_registry_name" {
  description = "The one container registry of every environment (<name>.azurecr.io in the overlays): images are built once and promoted, so production owns it and staging pulls from it."
  value       = "cr${var.name_prefix}"
}

output "container_registry_resource_group_name" {
  description = "Resource group of the container registry: production's global resource group."
  value       = "rg-${var.name_prefix}-production-global"
}

output "action_group_name" {
  description = "Monitor action group every Prometheus alert of the environment notifies."
  value       = "ag-${local.base}"
}

output "regional" {
  description = "Per-region resource names keyed by region short name."
  value       = local.regional
}

output "key_vault_name" {
  description = "Key Vault of the environment's workload secrets (kv-<prefix>-<env>, at most 24 characters)."
  value       = "kv-${local.base}"
}

output "workload_identity_names" {
  description = "User-assigned identities of the in-cluster workloads that reach Azure through workload identity, keyed by workload."
  value = {
    portal         = "id-${local.base}-nt-infra-portal"
    otel-collector = "id-${local.base}-otel-collector"
  }
}
