import { configApiRef, useApi } from '@backstage/core-plugin-api';
import { Link } from '@backstage/ui';
import { EnvironmentName } from '@internal/plugin-nt-infra-common';
import {
  GrafanaDashboard,
  grafanaDashboardUrl,
  readGrafanaConfig,
} from '../../lib/grafana';

const dashboardTitle: Record<GrafanaDashboard, string> = {
  regionOverview: 'region overview',
  slo: 'SLO and error budget',
  chaosRuns: 'chaos runs',
  portal: 'portal health',
};

/**
 * "Open in Grafana" at the matching dashboard and time range, for what the
 * portal's own charts do not show (other panels, longer history, ad-hoc
 * queries). Nothing at all when `ntInfra.grafana.baseUrl` is not configured:
 * a link to nowhere is worse than none.
 */
export function GrafanaLink(props: {
  dashboard: GrafanaDashboard;
  environment: EnvironmentName;
  /** Prometheus `region` labels. */
  regions: string[];
  /** Epoch ms. */
  from: number;
  to: number | 'now';
}) {
  const grafana = readGrafanaConfig(useApi(configApiRef));
  if (!grafana) return null;
  const { dashboard, environment, regions, from, to } = props;
  return (
    <Link
      href={grafanaDashboardUrl(grafana, {
        dashboard,
        environment,
        regions,
        from,
        to,
      })}
      target="_blank"
      rel="noopener noreferrer"
      variant="body-small"
      aria-label={`Open in Grafana: ${dashboardTitle[dashboard]}${
        regions.length ? ` ${regions.join(', ')}` : ''
      } (new tab)`}
    >
      Open in Grafana
    </Link>
  );
}
