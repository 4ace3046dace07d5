variable "regions" {
  type        = list(string)
  description = "Region short names the caller deploys to; each must be a key of the capability table."

  validation {
    condition     = alltrue([for r in var.regions : contains(keys(local.table), r)])
    error_message = "Every region must be listed in modules/region-capabilities (its zones decide zonal settings)."
  }
}
