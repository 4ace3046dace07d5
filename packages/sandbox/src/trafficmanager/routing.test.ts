import { SeededRandom } from '../clock';
import { answerEndpoint, profileMonitorStatus, steadyShares } from './routing';
import type { EndpointMonitorStatus, TmEndpoint, TmProfile } from './types';

function endpoint(
  name: string,
  priority: number,
  status: EndpointMonitorStatus,
  enabled = true,
  weight = 1,
): TmEndpoint {
  return {
    name,
    kind: 'externalEndpoints',
    target: `${name}.sandbox.local`,
    endpointStatus: enabled ? 'Enabled' : 'Disabled',
    endpointMonitorStatus: status,
    priority,
    weight,
    probe: { consecutiveFailures: 0 },
  };
}

function profile(
  endpoints: TmEndpoint[],
  extra: Partial<TmProfile> = {},
): TmProfile {
  return {
    subscriptionId: 's',
    resourceGroup: 'rg',
    name: 'tm',
    environment: 'production',
    location: 'global',
    tags: {},
    profileStatus: 'Enabled',
    trafficRoutingMethod: 'Priority',
    dnsConfig: { relativeName: 'tm', ttl: 60 },
    monitorConfig: {
      protocol: 'HTTPS',
      port: 443,
      path: '/healthz',
      intervalInSeconds: 10,
      timeoutInSeconds: 5,
      toleratedNumberOfFailures: 1,
    },
    trafficViewEnrollmentStatus: 'Disabled',
    endpoints,
    clientRps: 50,
    ...extra,
  };
}

describe('Traffic Manager routing', () => {
  it.each([
    [['Online', 'Online'], 'east', 'Online'],
    [['CheckingEndpoint', 'Online'], 'east', 'Online'],
    [['Degraded', 'Online'], 'west', 'Online'],
    // All degraded: answer as if all were online → the highest priority.
    [['Degraded', 'Degraded'], 'east', 'Degraded'],
    [['CheckingEndpoint', 'CheckingEndpoint'], 'east', 'CheckingEndpoints'],
  ] as [EndpointMonitorStatus[], string, string][])(
    'priority routing with %j answers %s (profile %s)',
    (statuses, answer, status) => {
      const p = profile([
        endpoint('east', 1, statuses[0]),
        endpoint('west', 2, statuses[1]),
      ]);
      expect(answerEndpoint(p)?.name).toBe(answer);
      expect(profileMonitorStatus(p)).toBe(status);
    },
  );

  it('skips disabled endpoints, and answers nothing for a disabled profile or no enabled endpoint', () => {
    expect(
      answerEndpoint(
        profile([
          endpoint('east', 1, 'Disabled', false),
          endpoint('west', 2, 'Online'),
        ]),
      )?.name,
    ).toBe('west');
    const disabled = profile([endpoint('east', 1, 'Inactive')], {
      profileStatus: 'Disabled',
    });
    expect(answerEndpoint(disabled)).toBeUndefined();
    expect(profileMonitorStatus(disabled)).toBe('Disabled');
    const inactive = profile([endpoint('east', 1, 'Disabled', false)]);
    expect(answerEndpoint(inactive)).toBeUndefined();
    expect(profileMonitorStatus(inactive)).toBe('Inactive');
  });

  it('weighted routing splits answers by weight among healthy endpoints', () => {
    const p = profile(
      [
        endpoint('a', 1, 'Online', true, 3),
        endpoint('b', 2, 'Online', true, 1),
        endpoint('c', 3, 'Degraded', true, 5),
      ],
      {
        trafficRoutingMethod: 'Weighted',
      },
    );
    const random = new SeededRandom(42);
    const counts: Record<string, number> = {};
    for (let i = 0; i < 4000; i++) {
      const name = answerEndpoint(p, random)!.name;
      counts[name] = (counts[name] ?? 0) + 1;
    }
    expect(counts.c).toBeUndefined();
    expect(counts.a / 4000).toBeCloseTo(0.75, 1);
    expect(Object.fromEntries(steadyShares(p))).toEqual({ a: 0.75, b: 0.25 });
  });
});
