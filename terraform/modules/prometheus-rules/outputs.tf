output "groups" {
  description = "Rule groups keyed by name: name, interval (ISO 8601) and rules (record or alert, expression, for, labels, annotations, Azure severity)."
  value       = local.groups
}
