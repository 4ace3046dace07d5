variable "rules_dir" {
  type        = string
  description = "Folder of Prometheus rule files (*.rules.yaml), the ones promtool tests: monitoring/prometheus/rules."
}

variable "severities" {
  type        = map(number)
  description = "The rules' severity label -> Azure Monitor alert severity (0 critical .. 4 verbose)."
  default = {
    page   = 1
    ticket = 3
  }
}
