output "cosmos_account_name" {
  description = "Cosmos DB account name."
  value       = azurerm_cosmosdb_account.this.name
}

output "cosmos_endpoint" {
  description = "Cosmos DB document endpoint (resolves privately inside the VNets)."
  value       = azurerm_cosmosdb_account.this.endpoint
}

output "postgres_primary_fqdn" {
  description = "FQDN of the PostgreSQL write primary."
  value       = azurerm_postgresql_flexible_server.primary.fqdn
}

output "postgres_writer_fqdn" {
  description = "Host the app connects to: the virtual endpoint's writer name, which follows the primary across a promotion."
  value       = "${azurerm_postgresql_flexible_server_virtual_endpoint.this.name}.writer.postgres.database.azure.com"
}

output "postgres_server_names" {
  description = "PostgreSQL server names per region (primary and replicas)."
  value = merge(
    { (local.primary_region) = azurerm_postgresql_flexible_server.primary.name },
    { for region, server in azurerm_postgresql_flexible_server.replica : region => server.name },
  )
}

output "redis_hostnames" {
  description = "Redis host names per region."
  value       = { for region, cache in azurerm_redis_cache.this : region => cache.hostname }
}
