terraform {
  required_version = ">= 1.9.0, < 2.0.0"

  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 4.14"
    }
  }

  # Partial configuration: the storage account and state key come from
  # backend/<env>.azurerm.tfbackend at `terraform init -backend-config=...`, so one root module
  # serves both environments with separate state files.
  backend "azurerm" {}
}
