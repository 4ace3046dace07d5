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

variable "regions" {
  type        = set(string)
  description = "Region short names; each gets its own Azure Monitor workspace and rule groups."
}

variable "regional_resource_group_names" {
  type        = map(string)
  description = "Regional resource group names keyed by region."
}

variable "global_resource_group_name" {
  type        = string
  description = "Resource group of the environment's action group."
}

variable "aks_cluster_ids" {
  type        = map(string)
  description = "AKS cluster resource IDs keyed by region (data collection targets, rule group scopes)."
}

variable "aks_cluster_names" {
  type        = map(string)
  description = "AKS cluster names keyed by region: each rule group evaluates only its cluster's series."
}

variable "alert_email_receivers" {
  type        = map(string)
  description = "On-call e-mail receivers of every alert, keyed by receiver name."

  validation {
    condition     = length(var.alert_email_receivers) > 0
    error_message = "At least one alert receiver is required: an alert nobody receives is not monitoring."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags applied to every resource."
}
