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
    address_space            = string
  }))
  description = "Regions keyed by short name; priority 1 is the primary that serves all traffic."

  validation {
    condition     = length([for r in values(var.regions) : r if r.traffic_manager_priority == 1]) == 1
    error_message = "Exactly one region must have traffic_manager_priority 1 (the primary)."
  }
}

variable "global_resource_group_name" {
  type        = string
  description = "Resource group for global resources (Traffic Manager, private DNS zones)."
}

variable "regional_resource_group_names" {
  type        = map(string)
  description = "Regional resource group names keyed by region short name."
}

variable "dns_ttl_seconds" {
  type        = number
  description = "TTL of the Traffic Manager DNS answer."
  default     = 60

  validation {
    condition     = var.dns_ttl_seconds >= 0 && var.dns_ttl_seconds <= 300
    error_message = "dns_ttl_seconds must be within 0..300."
  }
}

variable "probe_interval_seconds" {
  type        = number
  description = "Traffic Manager probe interval (10 = fast probing)."
  default     = 10

  validation {
    condition     = contains([10, 30], var.probe_interval_seconds)
    error_message = "probe_interval_seconds must be 10 or 30."
  }
}

variable "probe_timeout_seconds" {
  type        = number
  description = "Traffic Manager probe timeout; 5..9 s with a 10 s interval."
  default     = 5

  validation {
    condition     = var.probe_timeout_seconds >= 5 && var.probe_timeout_seconds <= 10
    error_message = "probe_timeout_seconds must be within 5..10."
  }
}

variable "probe_tolerated_failures" {
  type        = number
  description = "Failed probes tolerated before an endpoint is degraded; failover happens on failure number tolerated + 1."
  default     = 1

  validation {
    condition     = var.probe_tolerated_failures >= 0 && var.probe_tolerated_failures <= 9
    error_message = "probe_tolerated_failures must be within 0..9."
  }
}

variable "health_probe_path" {
  type        = string
  description = "Path probed over HTTPS on port 443."
  default     = "/healthz"

  validation {
    condition     = startswith(var.health_probe_path, "/")
    error_message = "health_probe_path must start with /."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags applied to every resource."
}
