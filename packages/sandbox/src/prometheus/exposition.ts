import { promValue } from '../payloads/prometheus';
import type { SeriesStore } from './SeriesStore';

const HELP: Record<string, string> = {
  http_requests_total:
    'HTTP requests served, by region, service, status code and method.',
  http_request_duration_seconds: 'HTTP request latency.',
  db_replication_lag_seconds:
    'Replication lag of the regional database replica.',
  kube_deployment_status_replicas_available:
    'Available replicas per deployment (kube-state-metrics).',
  azure_traffic_manager_endpoint_status:
    'Traffic Manager endpoint probe state: 1 online, 0 degraded (Azure Monitor).',
  azure_traffic_manager_endpoint_qps:
    'Traffic Manager DNS queries per second answered with the endpoint (Azure Monitor).',
};

function escape(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function formatValue(v: number): string {
  return promValue(v);
}

/**
 * The raw series in the Prometheus text exposition format (version 0.0.4), so a real
 * Prometheus with monitoring/prometheus/rules could scrape the sandbox.
 */
export function exposition(store: SeriesStore): string {
  const families = new Map<string, { type: string; lines: string[] }>();
  for (const s of store.all()) {
    if (Number.isNaN(s.current)) continue;
    const family = s.name.replace(/_(bucket|sum|count)$/, '');
    const isHistogram = family === 'http_request_duration_seconds';
    const name = isHistogram ? family : s.name;
    const f = families.get(name) ?? {
      type: isHistogram ? 'histogram' : s.kind,
      lines: [],
    };
    const labels = Object.entries(s.labels)
      .map(([k, v]) => `${k}="${escape(v)}"`)
      .join(',');
    f.lines.push(`${s.name}{${labels}} ${formatValue(s.current)}`);
    families.set(name, f);
  }
  let out = '';
  for (const [name, f] of families) {
    out += `# HELP ${name} ${HELP[name] ?? name}\n# TYPE ${name} ${
      f.type
    }\n${f.lines.join('\n')}\n`;
  }
  return out;
}
