# The portal and the sandbox emulator derive resource names from the same contract, so every
# name is computed in exactly one place and passed around; nothing else formats names.
locals {
  base = "${var.name_prefix}-${var.environment}"

  regional = {
    for region in var.regions : region => {
      resource_group    = "rg-${local.base}-${region}"
      vnet              = "vnet-${local.base}-${region}"
      aks_cluster       = "aks-${local.base}-${region}"
      aks_dns_prefix    = "${local.base}-${region}"
      ingress_public_ip = "pip-${local.base}-${region}-ingress"
      log_analytics     = "log-${local.base}-${region}"
      container_app_env = "cae-${local.base}-${region}"
      postgres_server   = "psql-${local.base}-${region}"
      redis_cache       = "redis-${local.base}-${region}"
      network_security  = "nsg-${local.base}-${region}"
      monitor_workspace = "amw-${local.base}-${region}"
      collection_ep     = "dce-${local.base}-${region}"
      collection_rule   = "dcr-${local.base}-${region}-prometheus"
    }
  }
}
