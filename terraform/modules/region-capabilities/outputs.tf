output "regions" {
  description = "Capabilities of each requested region: zones, has_zones and the zonal settings derived from them."
  value       = local.regions
}

output "zonal_regions" {
  description = "The requested regions that have availability zones."
  value       = [for region, cap in local.regions : region if cap.has_zones]
}
