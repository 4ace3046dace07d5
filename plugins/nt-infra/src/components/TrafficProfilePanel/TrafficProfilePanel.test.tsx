import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import { FIXTURE_NOW, secondsBeforeNow } from '../../__fixtures__/regions';
import {
  disagreeingTraffic,
  productionTraffic,
} from '../../__fixtures__/traffic';
import { TrafficProfilePanel } from './TrafficProfilePanel';

describe('TrafficProfilePanel', () => {
  beforeEach(() => jest.useFakeTimers({ now: FIXTURE_NOW }));
  afterEach(() => jest.useRealTimers());

  it('shows the profile, its monitor settings and how fast it fails over', async () => {
    await renderInTestApp(<TrafficProfilePanel traffic={productionTraffic} />);
    const panel = screen.getByLabelText('Traffic Manager production');
    expect(panel).toHaveTextContent('production · tm-ntai-production');
    expect(panel).toHaveTextContent('Profile: Enabled');
    expect(panel).toHaveTextContent('Profile monitor: Online');
    const facts = within(panel).getByLabelText('Profile settings');
    expect(facts).toHaveTextContent('Routing methodPriority');
    expect(facts).toHaveTextContent('FQDNntai-production.trafficmanager.net');
    expect(facts).toHaveTextContent('DNS TTL60 s');
    expect(facts).toHaveTextContent(
      'Health probeHTTPS port 443, path /healthz',
    );
    expect(facts).toHaveTextContent('every 10 s, timeout 5 s');
    expect(facts).toHaveTextContent(
      'fails over after 3 consecutive failures, ≈ 35 s detection',
    );
  });

  it('lists the endpoints by priority and marks the one Traffic Manager routes to', async () => {
    await renderInTestApp(<TrafficProfilePanel traffic={productionTraffic} />);
    const rows = within(screen.getByRole('table', { name: 'Endpoints' }))
      .getAllByRole('row')
      .slice(1);
    expect(rows[0]).toHaveTextContent(
      /eastus.*Serving traffic.*ntai-eastus\.eastus\.cloudapp\.azure\.com.*Enabled.*Online.*1/,
    );
    expect(rows[1]).toHaveTextContent(/westus.*Enabled.*Online.*2/);
    expect(
      within(rows[1]).queryByText('Serving traffic'),
    ).not.toBeInTheDocument();
  });

  it('shows who serves by Traffic Manager and by DNS, and warns when they disagree', async () => {
    await renderInTestApp(
      <TrafficProfilePanel traffic={disagreeingTraffic.environments[0]} />,
    );
    expect(
      screen.getByLabelText('Serving by Traffic Manager'),
    ).toHaveTextContent('Traffic Manager routes towestus');
    expect(screen.getByLabelText('Serving by live DNS')).toHaveTextContent(
      'Live DNS answerseastus',
    );
    expect(screen.getByRole('alert')).toHaveTextContent(
      'DNS still answers eastus — propagation within TTL 60 s',
    );
    const degraded = within(
      screen.getByRole('table', { name: 'Endpoints' }),
    ).getByText('Degraded');
    expect(degraded).toHaveAttribute('data-tone', 'danger');
  });

  it('says the profile is stale or unavailable rather than showing old settings as current', async () => {
    await renderInTestApp(
      <TrafficProfilePanel
        traffic={{
          ...productionTraffic,
          profile: { status: 'unavailable', error: 'ARM 401 Unauthorized' },
          dns: {
            ...productionTraffic.dns,
            status: 'stale',
            observedAt: secondsBeforeNow(40),
            error: 'resolver timeout',
          },
        }}
      />,
    );
    expect(
      screen.getByLabelText('Serving by Traffic Manager'),
    ).toHaveTextContent('unavailable: ARM 401 Unauthorized');
    expect(screen.getByLabelText('Serving by live DNS')).toHaveTextContent(
      'stale: last read 40 s ago — resolver timeout',
    );
    expect(screen.queryByLabelText('Profile settings')).not.toBeInTheDocument();
  });
});
