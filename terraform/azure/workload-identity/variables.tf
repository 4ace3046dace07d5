variable "name_prefix" {
  type        = string
  description = "Product prefix of resource names."
}

variable "environment" {
  type        = string
  description = "staging or production."

  validation {
    condition     = contains(["staging", "production"], var.environment)
    error_message = "environment must be staging or production."
  }
}

variable "location" {
  type        = string
  description = "Region of the Key Vault and the identities (the primary's; Key Vault replicates to the paired region)."
}

variable "resource_group_name" {
  type        = string
  description = "Resource group of the Key Vault and the identities (the global one)."
}

variable "tenant_id" {
  type        = string
  description = "Entra tenant of the Key Vault."
}

variable "oidc_issuer_urls" {
  type        = map(string)
  description = "OIDC issuer of every cluster keyed by region; each workload gets a federated credential per cluster."
}

variable "aks_subnet_ids" {
  type        = map(string)
  description = "AKS node subnets keyed by region; the only networks that reach the Key Vault."
}

variable "vault_writer_group_object_ids" {
  type        = list(string)
  description = "Entra groups that write the secrets into the Key Vault (nothing in this repository holds them)."
}

variable "tags" {
  type        = map(string)
  description = "Tags applied to every resource."
}
