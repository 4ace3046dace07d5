import { screen } from '@testing-library/react';
import {
  rolledBackRun,
  runningRun,
  runSummary,
} from '../../__fixtures__/chaos';
import { renderSettled } from '../../__testUtils__/renderSettled';
import { RunGrafanaLink } from './RunGrafanaLink';

const grafana = {
  ntInfra: { grafana: { baseUrl: 'https://grafana.example.com' } },
};

describe('RunGrafanaLink', () => {
  it('opens the chaos-runs dashboard around an ended run, in its regions', async () => {
    const run = runSummary(rolledBackRun, {
      params: { ...rolledBackRun.params, metricsRegions: ['eastus'] },
    });
    await renderSettled(<RunGrafanaLink run={run} />, {
      config: grafana,
    });
    const link = screen.getByRole('link', {
      name: 'Open in Grafana: chaos runs eastus (new tab)',
    });
    const url = new URL(link.getAttribute('href')!);
    expect(url.origin + url.pathname).toBe(
      'https://grafana.example.com/d/ntai-chaos',
    );
    expect(Number(url.searchParams.get('from'))).toBe(
      Date.parse(run.startedAt!) - 5 * 60_000,
    );
    expect(Number(url.searchParams.get('to'))).toBe(
      Date.parse(run.endedAt!) + 5 * 60_000,
    );
    expect(url.searchParams.getAll('var-region')).toEqual(['eastus']);
    expect(link).toHaveAttribute('target', '_blank');
  });

  it('follows a running run to now', async () => {
    await renderSettled(<RunGrafanaLink run={runSummary(runningRun)} />, {
      config: grafana,
    });
    const href = screen.getByRole('link').getAttribute('href')!;
    expect(new URL(href).searchParams.get('to')).toBe('now');
  });

  it('is not shown when no Grafana is configured', async () => {
    await renderSettled(<RunGrafanaLink run={runSummary(runningRun)} />, {
      config: {},
    });
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
    expect(screen.queryByText('Open in Grafana')).not.toBeInTheDocument();
  });
});
