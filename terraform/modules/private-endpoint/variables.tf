variable "name" {
  type        = string
  description = "Private endpoint name."
}

variable "location" {
  type        = string
  description = "Region of the endpoint (the consuming VNet's region)."
}

variable "resource_group_name" {
  type        = string
  description = "Resource group of the endpoint."
}

variable "subnet_id" {
  type        = string
  description = "Subnet the endpoint's network interface joins."
}

variable "target_resource_id" {
  type        = string
  description = "Resource the endpoint connects to."
}

variable "subresource_name" {
  type        = string
  description = "Private link sub-resource, e.g. Sql for Cosmos DB or redisCache."

  validation {
    condition     = contains(["Sql", "redisCache", "postgresqlServer"], var.subresource_name)
    error_message = "subresource_name must be one of Sql, redisCache, postgresqlServer."
  }
}

variable "private_dns_zone_id" {
  type        = string
  description = "Private DNS zone that receives the endpoint's A record."
}

variable "tags" {
  type        = map(string)
  description = "Tags applied to the endpoint."
}
