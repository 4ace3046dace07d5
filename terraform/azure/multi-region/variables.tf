variable "environment" {
  type        = string
  description = "Deployment environment: staging or production."

  validation {
    condition     = contains(["staging", "production"], var.environment)
    error_message = "environment must be staging or production."
  }
}

variable "name_prefix" {
  type        = string
  description = "Product prefix of every resource name."
  default     = "ntai"

  validation {
    condition     = can(regex("^[a-z][a-z0-9]{1,7}$", var.name_prefix))
    error_message = "name_prefix must be 2-8 lowercase letters or digits, starting with a letter."
  }
}

variable "regions" {
  type = map(object({
    display_name             = string
    traffic_manager_priority = number
    address_space            = string
  }))
  description = "Regions keyed by short name. Priority 1 is the primary (all traffic), priority 2 the identical standby."

  validation {
    condition     = length(var.regions) == 2
    error_message = "The platform runs exactly two regions: a primary and a standby."
  }

  validation {
    condition     = sort([for r in values(var.regions) : tostring(r.traffic_manager_priority)]) == ["1", "2"]
    error_message = "Region priorities must be exactly 1 (primary) and 2 (standby)."
  }

  validation {
    condition     = alltrue([for r in values(var.regions) : can(cidrhost(r.address_space, 0))])
    error_message = "Every region needs a valid address_space CIDR."
  }
}

variable "kubernetes_version" {
  type        = string
  description = "Kubernetes minor version of the AKS clusters."

  validation {
    condition     = can(regex("^1\\.[0-9]{2}$", var.kubernetes_version))
    error_message = "kubernetes_version must be a minor version such as 1.35."
  }
}

variable "system_node_vm_size" {
  type        = string
  description = "VM size of the AKS system node pools."
}

variable "app_node_vm_size" {
  type        = string
  description = "VM size of the AKS application node pools."
}

variable "app_node_count" {
  type = object({
    min = number
    max = number
  })
  description = "Autoscaling bounds of the application node pools."
  default = {
    min = 1
    max = 10
  }

  validation {
    condition     = var.app_node_count.min >= 1 && var.app_node_count.max <= 10 && var.app_node_count.min <= var.app_node_count.max
    error_message = "app_node_count must satisfy 1 <= min <= max <= 10."
  }
}

variable "admin_group_object_ids" {
  type        = list(string)
  description = "Entra groups granted cluster admin."

  validation {
    condition     = length(var.admin_group_object_ids) > 0
    error_message = "At least one admin group is required because local accounts are disabled."
  }
}

variable "database_admin_group" {
  type = object({
    object_id = string
    name      = string
  })
  description = "Entra group administering PostgreSQL."
}

variable "cosmos_consistency_level" {
  type        = string
  description = "Cosmos DB default consistency (Strong meets RPO < 1 min; Session is cheaper for staging)."

  validation {
    condition     = contains(["Strong", "Session"], var.cosmos_consistency_level)
    error_message = "cosmos_consistency_level must be Strong or Session."
  }
}

variable "postgres" {
  type = object({
    version    = string
    sku_name   = string
    storage_mb = number
  })
  description = "PostgreSQL Flexible Server version and size (primary and replica)."
}

variable "redis_capacity" {
  type        = number
  description = "Premium Redis capacity (1..5)."
}

variable "log_retention_days" {
  type        = number
  description = "Log Analytics retention in days."
  default     = 30
}

variable "dns_ttl_seconds" {
  type        = number
  description = "Traffic Manager DNS TTL."
  default     = 60
}

variable "alert_email_receivers" {
  type        = map(string)
  description = "On-call e-mail receivers of the environment's Prometheus alerts, keyed by receiver name."
}

variable "tags" {
  type        = map(string)
  description = "Extra tags merged over the standard ones (environment, managed-by, product)."
  default     = {}
}
