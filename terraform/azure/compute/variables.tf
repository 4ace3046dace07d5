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
  description = "Region short names; every region gets an identical cluster so the standby can take full load."
}

variable "regional_resource_group_names" {
  type        = map(string)
  description = "Regional resource group names keyed by region."
}

variable "regional_resource_group_ids" {
  type        = map(string)
  description = "Regional resource group IDs keyed by region (scope of the ingress IP role assignment)."
}

variable "subnet_ids" {
  type        = map(map(string))
  description = "Subnet IDs per region, then per purpose (aks, container-apps)."
}

variable "tenant_id" {
  type        = string
  description = "Entra tenant for cluster RBAC."
}

variable "admin_group_object_ids" {
  type        = list(string)
  description = "Entra groups with cluster admin rights."
}

variable "kubernetes_version" {
  type        = string
  description = "Kubernetes minor version of every cluster."
}

variable "system_node_vm_size" {
  type        = string
  description = "VM size of the system node pools."
}

variable "app_node_vm_size" {
  type        = string
  description = "VM size of the application node pools."
}

variable "app_node_count" {
  type = object({
    min = number
    max = number
  })
  description = "Autoscaler bounds of the application node pools (contract: 1..10)."

  validation {
    condition     = var.app_node_count.min >= 1 && var.app_node_count.max <= 10 && var.app_node_count.min <= var.app_node_count.max
    error_message = "app_node_count must satisfy 1 <= min <= max <= 10."
  }
}

variable "log_retention_days" {
  type        = number
  description = "Log Analytics retention."

  validation {
    condition     = var.log_retention_days >= 30 && var.log_retention_days <= 730
    error_message = "log_retention_days must be within 30..730."
  }
}

variable "container_registry_id" {
  type        = string
  description = "Registry of the platform's images; every cluster's kubelet identity gets AcrPull on it."
}

variable "tags" {
  type        = map(string)
  description = "Tags applied to every resource."
}
