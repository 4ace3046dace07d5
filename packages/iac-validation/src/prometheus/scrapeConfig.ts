import fs from 'fs';
import path from 'path';
import YAML from 'yaml';
import { isRecord } from '../util/files';
import { parseYamlDocuments } from '../util/yaml';
import { Problem } from '../types';

/** Managed Prometheus reads its custom scrape jobs from this ConfigMap, by exact name. */
export const SCRAPE_CONFIG_FILE =
  'kubernetes/base/monitoring/ama-metrics-prometheus-config.yaml';
const BASE_KUSTOMIZATION = 'kubernetes/base/kustomization.yaml';
const REGION_SOURCE =
  '__meta_kubernetes_node_label_topology_kubernetes_io_region';

function checkJob(job: Record<string, unknown>): string[] {
  const name = String(job.job_name ?? '?');
  const sd = Array.isArray(job.kubernetes_sd_configs)
    ? job.kubernetes_sd_configs.filter(isRecord)
    : [];
  if (sd.length === 0) {
    return [
      `job ${name}: only Kubernetes service discovery can derive the region from the node`,
    ];
  }
  const errors: string[] = [];
  for (const cfg of sd) {
    const attach = isRecord(cfg.attach_metadata) ? cfg.attach_metadata : {};
    if (cfg.role === 'pod' && attach.node !== true) {
      errors.push(
        `job ${name}: role pod needs attach_metadata.node: true, or the node's region label is not visible to relabeling`,
      );
    }
  }
  const relabels = Array.isArray(job.relabel_configs)
    ? job.relabel_configs.filter(isRecord)
    : [];
  const region = relabels.filter(r => r.target_label === 'region');
  const fromNode = region.some(
    r =>
      Array.isArray(r.source_labels) &&
      r.source_labels.length === 1 &&
      r.source_labels[0] === REGION_SOURCE &&
      (r.action === undefined || r.action === 'replace'),
  );
  if (!fromNode) {
    errors.push(
      `job ${name}: must set target label region from ${REGION_SOURCE} (every rule groups by region)`,
    );
  }
  if (region.length > 1) {
    errors.push(`job ${name}: region is set more than once`);
  }
  if (job.honor_labels === true) {
    errors.push(
      `job ${name}: honor_labels would let a target's own region label win over the scraped region`,
    );
  }
  return errors;
}

/**
 * The `region` label every recording rule groups by is produced at scrape time by the
 * ama-metrics scrape jobs, from the node's topology label: one file for every cluster, no
 * static (external) region label that would be wrong in the other cluster.
 */
export function validateScrapeConfig(repoRoot: string): Problem[] {
  const file = path.join(repoRoot, SCRAPE_CONFIG_FILE);
  const problems: Problem[] = [];
  const report = (message: string) =>
    problems.push({ file: SCRAPE_CONFIG_FILE, message });
  if (!fs.existsSync(file)) {
    report('missing: nothing produces the region label of the rules');
    return problems;
  }
  const kustomization = path.join(repoRoot, BASE_KUSTOMIZATION);
  const base = fs.existsSync(kustomization)
    ? YAML.parse(fs.readFileSync(kustomization, 'utf8'))
    : undefined;
  const rel = path.relative(
    path.dirname(BASE_KUSTOMIZATION),
    SCRAPE_CONFIG_FILE,
  );
  if (
    !isRecord(base) ||
    !Array.isArray(base.resources) ||
    !base.resources.includes(rel)
  ) {
    report(`not deployed: ${BASE_KUSTOMIZATION} does not list ${rel}`);
  }
  const parsed = parseYamlDocuments(fs.readFileSync(file, 'utf8'));
  const cm = parsed.documents[0];
  const meta = isRecord(cm) && isRecord(cm.metadata) ? cm.metadata : {};
  if (
    !isRecord(cm) ||
    cm.kind !== 'ConfigMap' ||
    meta.name !== 'ama-metrics-prometheus-config' ||
    meta.namespace !== 'kube-system'
  ) {
    report(
      'must be ConfigMap kube-system/ama-metrics-prometheus-config (the name the agent reads)',
    );
    return problems;
  }
  const data = isRecord(cm.data) ? cm.data['prometheus-config'] : undefined;
  const config = parseYamlDocuments(String(data ?? '')).documents[0];
  if (!isRecord(config)) {
    report('data.prometheus-config is missing or not YAML');
    return problems;
  }
  const global = isRecord(config.global) ? config.global : {};
  if (isRecord(global.external_labels) && 'region' in global.external_labels) {
    report(
      'region must not be an external label: one static value would be wrong in the other region',
    );
  }
  const jobs = Array.isArray(config.scrape_configs)
    ? config.scrape_configs.filter(isRecord)
    : [];
  if (jobs.length === 0) {
    report('no scrape job: the app is not scraped');
  }
  jobs.flatMap(checkJob).forEach(report);
  return problems;
}
