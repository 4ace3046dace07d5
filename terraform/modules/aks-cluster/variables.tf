variable "name" {
  type        = string
  description = "AKS cluster name (aks-<prefix>-<env>-<region>)."
}

variable "location" {
  type        = string
  description = "Azure region short name."
}

variable "resource_group_name" {
  type        = string
  description = "Regional resource group of the cluster."
}

variable "dns_prefix" {
  type        = string
  description = "DNS prefix of the cluster API server."
}

variable "kubernetes_version" {
  type        = string
  description = "Kubernetes minor version (patches are applied by the patch upgrade channel)."

  validation {
    condition     = can(regex("^1\\.[0-9]{2}$", var.kubernetes_version))
    error_message = "kubernetes_version must be a minor version such as 1.35."
  }
}

variable "node_subnet_id" {
  type        = string
  description = "Subnet the node pools join."
}

variable "system_node_vm_size" {
  type        = string
  description = "VM size of the system node pool."
}

variable "app_node_vm_size" {
  type        = string
  description = "VM size of the application node pool."
}

variable "app_node_count" {
  type = object({
    min = number
    max = number
  })
  description = "Cluster autoscaler bounds of the application node pool."

  validation {
    condition     = var.app_node_count.min >= 1 && var.app_node_count.max <= 10 && var.app_node_count.min <= var.app_node_count.max
    error_message = "app_node_count must satisfy 1 <= min <= max <= 10."
  }
}

variable "admin_group_object_ids" {
  type        = list(string)
  description = "Entra ID groups granted cluster admin through Azure RBAC."

  validation {
    condition     = alltrue([for id in var.admin_group_object_ids : can(regex("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", id))])
    error_message = "admin_group_object_ids must contain Entra object IDs (GUIDs)."
  }
}

variable "tenant_id" {
  type        = string
  description = "Entra tenant of the cluster's Azure RBAC integration."
}

variable "log_analytics_workspace_id" {
  type        = string
  description = "Workspace receiving Container Insights logs."
}

variable "ingress_resource_group_id" {
  type        = string
  description = "Resource group holding the ingress public IP; the cluster identity needs Network Contributor there to bind it."
}

variable "tags" {
  type        = map(string)
  description = "Tags applied to every resource."
}

variable "zones" {
  type        = list(string)
  description = "Availability zones of the node pools, from modules/region-capabilities; empty in a region without zones."
}

variable "container_registry_id" {
  type        = string
  description = "Registry the cluster pulls its images from; the kubelet identity gets AcrPull on it."
}
