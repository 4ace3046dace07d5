variable "profile_name" {
  type        = string
  description = "Traffic Manager profile name (tm-<prefix>-<env>)."
}

variable "resource_group_name" {
  type        = string
  description = "Resource group of the profile (the environment's global resource group)."
}

variable "relative_dns_name" {
  type        = string
  description = "DNS relative name; the profile answers at <relative_dns_name>.trafficmanager.net."

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{0,61}[a-z0-9]$", var.relative_dns_name))
    error_message = "relative_dns_name must be a lowercase DNS label."
  }
}

variable "dns_ttl_seconds" {
  type        = number
  description = "TTL of the DNS answer. Lower means faster client switch-over after a failover."

  validation {
    condition     = var.dns_ttl_seconds >= 0 && var.dns_ttl_seconds <= 300
    error_message = "dns_ttl_seconds must be within 0..300 so failover stays inside the 5 minute RTO."
  }
}

variable "monitor" {
  type = object({
    protocol                     = string
    port                         = number
    path                         = string
    interval_in_seconds          = number
    timeout_in_seconds           = number
    tolerated_number_of_failures = number
    expected_status_code_ranges  = list(string)
    host_header                  = string
  })
  description = "Endpoint health probe settings. Azure marks an endpoint degraded after tolerated_number_of_failures + 1 consecutive failed probes."

  validation {
    condition     = contains([10, 30], var.monitor.interval_in_seconds)
    error_message = "monitor.interval_in_seconds must be 10 (fast probing) or 30 (normal probing)."
  }

  validation {
    condition = (
      var.monitor.timeout_in_seconds >= 5 &&
      var.monitor.timeout_in_seconds <= (var.monitor.interval_in_seconds == 10 ? 9 : 10)
    )
    error_message = "monitor.timeout_in_seconds must be 5..9 with a 10 s interval, 5..10 with a 30 s interval."
  }

  validation {
    condition     = var.monitor.tolerated_number_of_failures >= 0 && var.monitor.tolerated_number_of_failures <= 9
    error_message = "monitor.tolerated_number_of_failures must be within 0..9."
  }

  validation {
    condition     = contains(["HTTP", "HTTPS", "TCP"], var.monitor.protocol) && startswith(var.monitor.path, "/")
    error_message = "monitor.protocol must be HTTP, HTTPS or TCP and monitor.path must start with /."
  }
}

variable "endpoints" {
  type = map(object({
    target_resource_id = string
    priority           = number
  }))
  description = "Azure endpoints keyed by endpoint name (the region short name); priority 1 receives all traffic while healthy."

  validation {
    condition     = length(var.endpoints) >= 2
    error_message = "A failover profile needs at least two endpoints."
  }

  validation {
    condition     = length(distinct([for e in values(var.endpoints) : e.priority])) == length(var.endpoints)
    error_message = "Endpoint priorities must be unique, otherwise priority routing is ambiguous."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags applied to the profile."
}
