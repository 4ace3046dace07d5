variable "name_prefix" {
  type        = string
  description = "Short product prefix used in every resource name (naming contract: ntai)."

  validation {
    condition     = can(regex("^[a-z][a-z0-9]{1,7}$", var.name_prefix))
    error_message = "name_prefix must be 2-8 lowercase letters or digits, starting with a letter."
  }
}

variable "environment" {
  type        = string
  description = "Deployment environment: staging or production."

  validation {
    condition     = contains(["staging", "production"], var.environment)
    error_message = "environment must be staging or production."
  }
}

variable "regions" {
  type        = list(string)
  description = "Azure regions (short names such as eastus) that receive regional resources."

  validation {
    condition     = length(var.regions) > 0 && alltrue([for r in var.regions : can(regex("^[a-z0-9]+$", r))])
    error_message = "regions must be a non-empty list of Azure short region names (lowercase, no spaces)."
  }
}
