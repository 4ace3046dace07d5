import { screen, within } from '@testing-library/react';
import { NtInfraApi, ntInfraApiRef } from '../../api';
import {
  eastus,
  failedOverRegions,
  FIXTURE_NOW,
  secondsBeforeNow,
} from '../../__fixtures__/regions';
import { eastusSeries } from '../../__fixtures__/slis';
import { RegionPanel } from './RegionPanel';
import { renderSettled } from '../../__testUtils__/renderSettled';
import { mockNtInfraApi } from '../../__testUtils__/mockApi';

function mockApi(): jest.Mocked<NtInfraApi> {
  return mockNtInfraApi({
    getRegions: jest.fn(),
    getTraffic: jest.fn(),
    getSliSeries: jest.fn().mockResolvedValue(eastusSeries),
  });
}

async function renderPanel(region = eastus, api = mockApi()) {
  await renderSettled(
    <RegionPanel environment="production" region={region} />,
    {
      apis: [[ntInfraApiRef, api]],
    },
  );
  return { api, panel: screen.getByLabelText(`Region ${region.displayName}`) };
}

describe('RegionPanel', () => {
  beforeEach(() => jest.useFakeTimers({ now: FIXTURE_NOW }));
  afterEach(() => jest.useRealTimers());

  it('shows the verdict, the serving marker, the endpoint, the cluster and the SLO', async () => {
    const { panel } = await renderPanel();
    expect(within(panel).getByText('healthy')).toHaveTextContent(
      'Verdict: healthy',
    );
    expect(within(panel).getByText('Serving traffic')).toBeInTheDocument();

    const endpoint = within(panel).getByLabelText(
      'Traffic Manager endpoint East US',
    );
    expect(endpoint).toHaveTextContent('Enabled');
    expect(endpoint).toHaveTextContent('monitor Online');
    expect(endpoint).toHaveTextContent('priority 1');
    expect(endpoint).toHaveTextContent('read 5 s ago');

    const cluster = within(panel).getByLabelText('Cluster East US');
    expect(cluster).toHaveTextContent(/Pods ready\W*5\/5/);
    expect(cluster).toHaveTextContent(/ntai\/api\W*3\/3 ready/);

    expect(within(panel).getByLabelText('SLO East US')).toHaveTextContent(
      'Objective 99.9 % · error budget left 73 %',
    );
  });

  it('shows current SLIs and charts of the last hour', async () => {
    const { api, panel } = await renderPanel();
    const slis = within(panel).getByLabelText('SLIs East US');
    expect(slis).toHaveTextContent('Request rate120 req/s');
    expect(slis).toHaveTextContent('Error ratio0.12 %');
    expect(slis).toHaveTextContent('p99 latency245 ms');
    expect(slis).toHaveTextContent('Availability99.880 %');
    expect(slis).toHaveTextContent('Replication lag800 ms');
    expect(
      await within(slis).findByRole('figure', {
        name: /^Error ratio, last hour, \d\d:\d\d–\d\d:\d\d .+ \(1 h 00 min\): latest 0\.12 %, min 0\.09 %, max 0\.40 %$/,
      }),
    ).toBeInTheDocument();
    expect(api.getSliSeries).toHaveBeenCalledWith('production', 'eastus', 60);
  });

  it('lists the reasons of a region that is down', async () => {
    const { panel } = await renderPanel(
      failedOverRegions.environments[0].regions[0],
    );
    expect(within(panel).getByText('down')).toHaveAttribute(
      'data-tone',
      'danger',
    );
    expect(
      within(panel).getByRole('list', { name: 'Reasons' }),
    ).toHaveTextContent(
      'Traffic Manager probes failing (Degraded)api: 0/3 replicas ready',
    );
    expect(
      within(panel).queryByText('Serving traffic'),
    ).not.toBeInTheDocument();
  });

  it('marks stale and unavailable readings instead of showing them as fresh', async () => {
    const { panel } = await renderPanel({
      ...eastus,
      readiness: {
        ...eastus.readiness,
        status: 'stale',
        observedAt: secondsBeforeNow(90),
        error: 'cluster API timeout',
      },
      slis: { status: 'unavailable', error: 'Prometheus unreachable' },
    });
    expect(within(panel).getByLabelText('Cluster East US')).toHaveTextContent(
      'stale: last read 1 min ago — cluster API timeout',
    );
    expect(within(panel).getByLabelText('SLIs East US')).toHaveTextContent(
      'unavailable: Prometheus unreachable',
    );
  });

  it('says when the error budget is exhausted', async () => {
    const { panel } = await renderPanel({
      ...eastus,
      slo: {
        status: 'ok',
        observedAt: secondsBeforeNow(5),
        value: {
          objective: 0.999,
          errorBudgetRemaining: -0.1,
          exhausted: true,
        },
      },
    });
    expect(within(panel).getByLabelText('SLO East US')).toHaveTextContent(
      'budget exhausted: experiments blocked',
    );
  });
});
