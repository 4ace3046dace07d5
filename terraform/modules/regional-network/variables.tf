variable "location" {
  type        = string
  description = "Azure region short name, e.g. eastus."
}

variable "resource_group_name" {
  type        = string
  description = "Regional resource group the network lives in."
}

variable "vnet_name" {
  type        = string
  description = "Name of the virtual network."
}

variable "nsg_name" {
  type        = string
  description = "Name of the network security group attached to the AKS node subnet."
}

variable "ingress_public_ip_name" {
  type        = string
  description = "Name of the static public IP used by the cluster ingress (Traffic Manager endpoint target)."
}

variable "ingress_dns_label" {
  type        = string
  description = "DNS label of the ingress public IP (<label>.<region>.cloudapp.azure.com)."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,61}[a-z0-9]$", var.ingress_dns_label))
    error_message = "ingress_dns_label must be a valid lowercase DNS label."
  }
}

variable "address_space" {
  type        = string
  description = "VNet CIDR, at least a /16 so the fixed subnet layout fits. Must not overlap the peer region."

  validation {
    condition     = can(cidrhost(var.address_space, 0)) && tonumber(split("/", var.address_space)[1]) <= 16
    error_message = "address_space must be a valid CIDR of size /16 or larger."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags applied to every resource."
}

variable "zones" {
  type        = list(string)
  description = "Availability zones of the zone-redundant ingress public IP, from modules/region-capabilities; empty in a region without zones."
}
