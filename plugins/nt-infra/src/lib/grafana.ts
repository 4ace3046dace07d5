import { ConfigApi } from '@backstage/core-plugin-api';
import { EnvironmentName, Run } from '@internal/plugin-nt-infra-common';

/** The dashboards of monitoring/grafana, by uid (a test keeps them in step). */
export const GRAFANA_DASHBOARDS = {
  regionOverview: 'ntai-region-overview',
  slo: 'ntai-slo',
  chaosRuns: 'ntai-chaos',
  portal: 'nt-infra-portal',
} as const;

export type GrafanaDashboard = keyof typeof GRAFANA_DASHBOARDS;

/** Where the team's Grafana is, from `ntInfra.grafana` in the app config. */
export interface GrafanaConfig {
  baseUrl: string;
  /** The Prometheus data source uid each environment's metrics are in. */
  dataSources: Partial<Record<EnvironmentName, string>>;
}

/** Undefined when no Grafana is configured: the links are then left out. */
export function readGrafanaConfig(
  config: ConfigApi,
): GrafanaConfig | undefined {
  const grafana = config.getOptionalConfig('ntInfra.grafana');
  const baseUrl = grafana?.getOptionalString('baseUrl')?.trim();
  if (!grafana || !baseUrl) return undefined;
  const dataSources: GrafanaConfig['dataSources'] = {};
  const configured = grafana.getOptionalConfig('dataSources');
  for (const environment of ['staging', 'production'] as const) {
    const uid = configured?.getOptionalString(environment);
    if (uid) dataSources[environment] = uid;
  }
  return { baseUrl: baseUrl.replace(/\/+$/, ''), dataSources };
}

/** The Prometheus `region` labels a run's metrics carry. */
export function runMetricsRegions(run: Run): string[] {
  const labels = run.params?.metricsRegions;
  return Array.isArray(labels) && labels.every(l => typeof l === 'string')
    ? (labels as string[])
    : run.regions;
}

/**
 * A dashboard at a time range (epoch ms, Grafana's absolute `from`/`to`),
 * with its `region` variable set to the regions' Prometheus labels and its
 * data source to the environment's, when configured.
 */
export function grafanaDashboardUrl(
  grafana: GrafanaConfig,
  target: {
    dashboard: GrafanaDashboard;
    environment: EnvironmentName;
    regions: string[];
    from: number;
    /** Still going: the dashboard follows the present. */
    to: number | 'now';
  },
): string {
  const query = new URLSearchParams();
  query.set('orgId', '1');
  query.set('from', String(Math.floor(target.from)));
  query.set('to', target.to === 'now' ? 'now' : String(Math.ceil(target.to)));
  const dataSource = grafana.dataSources[target.environment];
  if (dataSource) query.set('var-datasource', dataSource);
  for (const region of target.regions) query.append('var-region', region);
  return `${grafana.baseUrl}/d/${
    GRAFANA_DASHBOARDS[target.dashboard]
  }?${query}`;
}
