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
  type = map(object({
    traffic_manager_priority = number
  }))
  description = "Regions keyed by short name; the priority 1 region hosts the write primaries."

  validation {
    condition     = length([for r in values(var.regions) : r if r.traffic_manager_priority == 1]) == 1
    error_message = "Exactly one region must have traffic_manager_priority 1."
  }
}

variable "global_resource_group_name" {
  type        = string
  description = "Resource group of the Cosmos DB account."
}

variable "regional_resource_group_names" {
  type        = map(string)
  description = "Regional resource group names keyed by region."
}

variable "subnet_ids" {
  type        = map(map(string))
  description = "Subnet IDs per region, then per purpose (postgres, private-endpoints)."
}

variable "private_dns_zone_ids" {
  type        = map(string)
  description = "Shared private DNS zone IDs keyed by service: postgres, redis."
}

variable "cosmos_private_dns_zone_ids" {
  type        = map(string)
  description = "Cosmos DB private DNS zone ID of each region, keyed by region."
}

variable "tenant_id" {
  type        = string
  description = "Entra tenant used for database authentication (no passwords are provisioned)."
}

variable "database_admin_group" {
  type = object({
    object_id = string
    name      = string
  })
  description = "Entra group that administers PostgreSQL."
}

variable "portal_identity" {
  type = object({
    name         = string
    principal_id = string
  })
  description = "The portal's workload identity; its PostgreSQL role (POSTGRES_USER of the overlays) is its name."
}

variable "cosmos_consistency_level" {
  type        = string
  description = "Cosmos DB default consistency. Strong gives RPO 0 across regions; Session trades RPO (< 15 min per Azure) for write latency."

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
  description = "PostgreSQL Flexible Server sizing; the same size is used for the primary and its cross-region replicas so a promoted replica carries full load."

  validation {
    condition     = contains(["15", "16"], var.postgres.version)
    error_message = "postgres.version must be 15 or 16."
  }

  validation {
    condition     = can(regex("^(GP|MO)_", var.postgres.sku_name))
    error_message = "postgres.sku_name must be General Purpose or Memory Optimized; Burstable does not support read replicas."
  }

  validation {
    condition     = var.postgres.storage_mb >= 32768
    error_message = "postgres.storage_mb must be at least 32768."
  }
}

variable "redis_capacity" {
  type        = number
  description = "Premium cache size (P1..P5); geo-replication requires the Premium tier."

  validation {
    condition     = var.redis_capacity >= 1 && var.redis_capacity <= 5
    error_message = "redis_capacity must be within 1..5."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags applied to every resource."
}
