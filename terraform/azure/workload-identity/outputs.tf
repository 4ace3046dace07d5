output "key_vault_name" {
  description = "Key Vault of the workload secrets (the SecretProviderClasses' keyvaultName)."
  value       = azurerm_key_vault.this.name
}

output "client_ids" {
  description = "Client IDs of the workload identities keyed by workload (portal, otel-collector): the azure.workload.identity/client-id of their service accounts."
  value       = { for name, identity in azurerm_user_assigned_identity.this : name => identity.client_id }
}

output "portal_identity" {
  description = "The portal's identity: its PostgreSQL role is named after it (Entra authentication)."
  value = {
    name         = azurerm_user_assigned_identity.this["portal"].name
    principal_id = azurerm_user_assigned_identity.this["portal"].principal_id
  }
}
