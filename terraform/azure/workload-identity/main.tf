module "names" {
  source = "../../modules/naming"

  name_prefix = var.name_prefix
  environment = var.environment
  regions     = keys(var.oidc_issuer_urls)
}

locals {
  # The Kubernetes service accounts that act as each identity (kubernetes/base, kubernetes/platform).
  workloads = {
    portal = {
      namespace       = "nt-infra"
      service_account = "nt-infra-portal"
    }
    otel-collector = {
      namespace       = "opentelemetry"
      service_account = "otel-collector"
    }
  }
  federations = {
    for pair in setproduct(keys(local.workloads), keys(var.oidc_issuer_urls)) :
    "${pair[0]}-${pair[1]}" => { workload = pair[0], region = pair[1] }
  }
}

# Secrets the pods need (GitHub credentials, backend key, Argo CD and reader tokens, the
# Application Insights connection string). They reach pods only through the Secrets Store CSI
# driver with workload identity; nothing in Git or in Terraform state holds their values.
resource "azurerm_key_vault" "this" {
  name                          = module.names.key_vault_name
  location                      = var.location
  resource_group_name           = var.resource_group_name
  tenant_id                     = var.tenant_id
  sku_name                      = "standard"
  enable_rbac_authorization     = true
  purge_protection_enabled      = true
  soft_delete_retention_days    = 90
  public_network_access_enabled = true
  tags                          = var.tags

  # Only the clusters' node subnets (service endpoint) and Azure's trusted services.
  network_acls {
    default_action             = "Deny"
    bypass                     = "AzureServices"
    virtual_network_subnet_ids = values(var.aks_subnet_ids)
  }
}

resource "azurerm_user_assigned_identity" "this" {
  for_each = local.workloads

  name                = module.names.workload_identity_names[each.key]
  location            = var.location
  resource_group_name = var.resource_group_name
  tags                = var.tags
}

# Each cluster has its own OIDC issuer, so a workload that runs in both regions needs a
# credential per cluster; the subject pins the one service account allowed to use it.
resource "azurerm_federated_identity_credential" "this" {
  for_each = local.federations

  name                = "fic-${each.key}"
  resource_group_name = var.resource_group_name
  parent_id           = azurerm_user_assigned_identity.this[each.value.workload].id
  audience            = ["api://AzureADTokenExchange"]
  issuer              = var.oidc_issuer_urls[each.value.region]
  subject             = "system:serviceaccount:${local.workloads[each.value.workload].namespace}:${local.workloads[each.value.workload].service_account}"
}

# Read secrets, nothing else: the CSI driver only reads.
resource "azurerm_role_assignment" "secrets_user" {
  for_each = local.workloads

  scope                = azurerm_key_vault.this.id
  role_definition_name = "Key Vault Secrets User"
  principal_id         = azurerm_user_assigned_identity.this[each.key].principal_id
  principal_type       = "ServicePrincipal"
}

resource "azurerm_role_assignment" "secrets_officer" {
  for_each = toset(var.vault_writer_group_object_ids)

  scope                = azurerm_key_vault.this.id
  role_definition_name = "Key Vault Secrets Officer"
  principal_id         = each.value
  principal_type       = "Group"
}
