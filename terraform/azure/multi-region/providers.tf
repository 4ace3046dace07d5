# Credentials and the subscription come from the environment (ARM_SUBSCRIPTION_ID,
# ARM_USE_OIDC / az login), never from code or tfvars.
provider "azurerm" {
  features {
    resource_group {
      prevent_deletion_if_contains_resources = true
    }
  }
  storage_use_azuread = true
}

data "azurerm_client_config" "current" {}
