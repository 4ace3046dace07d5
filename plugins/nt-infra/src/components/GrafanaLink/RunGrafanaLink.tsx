import { Run } from '@internal/plugin-nt-infra-common';
import { runMetricsRegions } from '../../lib/grafana';
import { GrafanaLink } from './GrafanaLink';

/** Context either side of a run, as on the run page's own charts. */
export const RUN_GRAFANA_LEAD_MS = 5 * 60_000;

/**
 * A run on the chaos-runs dashboard (SLIs with the portal's chaos and
 * failover annotations), from a little before it started to a little after
 * it ended, or to now while it runs.
 */
export function RunGrafanaLink(props: { run: Run }) {
  const { run } = props;
  const start = Date.parse(run.startedAt ?? run.createdAt);
  return (
    <GrafanaLink
      dashboard="chaosRuns"
      environment={run.environment}
      regions={runMetricsRegions(run)}
      from={start - RUN_GRAFANA_LEAD_MS}
      to={run.endedAt ? Date.parse(run.endedAt) + RUN_GRAFANA_LEAD_MS : 'now'}
    />
  );
}
