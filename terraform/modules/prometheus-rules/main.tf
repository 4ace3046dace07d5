# The Prometheus rule files, decoded into the arguments of Azure Monitor Prometheus rule groups.
# No provider: the conversion is plain Terraform, so it can be run and tested offline, and the
# files promtool tests stay the only source (nothing is generated, nothing can drift).
locals {
  files = sort(fileset(var.rules_dir, "*.rules.yaml"))

  groups = merge([
    for file in local.files : {
      for group in yamldecode(file("${var.rules_dir}/${file}")).groups : group.name => {
        name = group.name
        # A Prometheus duration of one unit (1m, 30s, 2h) is ISO 8601 once prefixed: PT1M.
        interval = "PT${upper(group.interval)}"
        rules = [
          for rule in group.rules : {
            record      = lookup(rule, "record", null)
            alert       = lookup(rule, "alert", null)
            expression  = rule.expr
            for         = can(rule.for) ? "PT${upper(rule.for)}" : null
            labels      = can(rule.labels) ? tomap(rule.labels) : null
            annotations = can(rule.annotations) ? tomap(rule.annotations) : null
            # An alert without a mapped severity label fails the plan instead of paging no one.
            severity = can(rule.alert) ? var.severities[rule.labels.severity] : null
          }
        ]
      }
    }
  ]...)
}
