environment = "production"

regions = {
  eastus = {
    display_name             = "East US"
    traffic_manager_priority = 1
    address_space            = "10.10.0.0/16"
  }
  westus = {
    display_name             = "West US"
    traffic_manager_priority = 2
    address_space            = "10.20.0.0/16"
  }
}

kubernetes_version  = "1.35"
system_node_vm_size = "Standard_D4ds_v5"
app_node_vm_size    = "Standard_D8ds_v5"
app_node_count = {
  min = 1
  max = 10
}

admin_group_object_ids = ["3f1c2a9e-5d4b-4c8a-9e2f-7a6b5c4d3e21"]
database_admin_group = {
  object_id = "8b7a6c5d-4e3f-4a2b-9c1d-0e9f8a7b6c54"
  name      = "grp-ntai-db-admins"
}

# Strong consistency: a region loss loses no acknowledged Cosmos write (RPO 0 < 1 min).
cosmos_consistency_level = "Strong"
postgres = {
  version    = "16"
  sku_name   = "GP_Standard_D4ds_v5"
  storage_mb = 262144
}
redis_capacity     = 2
log_retention_days = 90
dns_ttl_seconds    = 60

# Every Prometheus alert of monitoring/prometheus (both regions) notifies these.
alert_email_receivers = {
  platform-oncall = "platform-oncall@ntai-portal.internal"
}

tags = {
  cost-center = "platform-production"
}
