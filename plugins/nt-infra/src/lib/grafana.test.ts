import { mockApis } from '@backstage/frontend-test-utils';
import {
  GRAFANA_DASHBOARDS,
  grafanaDashboardUrl,
  readGrafanaConfig,
} from './grafana';

// A test in Node, comparing with the repository's own dashboard files: the
// browser bundle's import restrictions are about shipping code, not this.
// eslint-disable-next-line no-restricted-imports
import fs from 'fs';
// eslint-disable-next-line no-restricted-imports
import path from 'path';

/** uid of monitoring/grafana/dashboards/<file>. */
function uidOf(file: string): string {
  const dir = path.resolve(
    __dirname,
    '../../../../monitoring/grafana/dashboards',
  );
  return JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')).uid;
}

describe('grafana links', () => {
  it('names the dashboards of monitoring/grafana by their uid', () => {
    expect(GRAFANA_DASHBOARDS).toEqual({
      regionOverview: uidOf('region-overview.json'),
      slo: uidOf('slo-error-budget.json'),
      chaosRuns: uidOf('chaos-runs.json'),
      portal: uidOf('portal-health.json'),
    });
  });

  it('is not configured without a base URL', () => {
    expect(readGrafanaConfig(mockApis.config({ data: {} }))).toBeUndefined();
    expect(
      readGrafanaConfig(
        mockApis.config({ data: { ntInfra: { grafana: {} } } }),
      ),
    ).toBeUndefined();
  });

  it('links a dashboard at a time range with its region and data source variables', () => {
    const grafana = readGrafanaConfig(
      mockApis.config({
        data: {
          ntInfra: {
            grafana: {
              baseUrl: 'https://grafana.example.com/',
              dataSources: { production: 'prom-prod' },
            },
          },
        },
      }),
    )!;
    const url = new URL(
      grafanaDashboardUrl(grafana, {
        dashboard: 'chaosRuns',
        environment: 'production',
        regions: ['eastus', 'westus'],
        from: 1_000.4,
        to: 2_000.2,
      }),
    );
    expect(url.origin + url.pathname).toBe(
      'https://grafana.example.com/d/ntai-chaos',
    );
    expect(url.searchParams.get('from')).toBe('1000');
    expect(url.searchParams.get('to')).toBe('2001');
    expect(url.searchParams.get('var-datasource')).toBe('prom-prod');
    expect(url.searchParams.getAll('var-region')).toEqual(['eastus', 'westus']);

    const staging = new URL(
      grafanaDashboardUrl(grafana, {
        dashboard: 'regionOverview',
        environment: 'staging',
        regions: [],
        from: 0,
        to: 1,
      }),
    );
    expect(staging.searchParams.has('var-datasource')).toBe(false);
  });
});
