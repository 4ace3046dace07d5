import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  armEndpoint,
  EventLoopLag,
  armError,
  armProfile,
  ArmProfileInput,
} from '@internal/sandbox';
import { TrafficManagerProfileRef } from '@internal/plugin-nt-infra-common';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { AzureTrafficProvider } from './AzureTrafficProvider';

// Wall-clock bounds below are a second plus however late this process ran
// its timers during the test, never a guessed sub-second slack.
let lag: EventLoopLag;
beforeEach(() => {
  lag = EventLoopLag.start();
});
afterEach(() => lag.stop());

// Faults the sandbox does not produce on demand, answered by msw with the
// sandbox's own payload builders so the two cannot drift. msw intercepts
// Node's https module, hence an https URL that never resolves anywhere.
const ARM = 'https://arm.faults.test';
const PROFILE: ArmProfileInput = {
  subscriptionId: '11111111-2222-3333-4444-555555555555',
  resourceGroup: 'rg-ntai-production-global',
  name: 'tm-ntai-production',
  dnsConfig: { relativeName: 'ntai-production', ttl: 60 },
  monitorConfig: {
    protocol: 'HTTPS',
    port: 443,
    path: '/healthz',
    intervalInSeconds: 10,
    timeoutInSeconds: 5,
    toleratedNumberOfFailures: 1,
  },
  endpoints: [
    {
      name: 'eastus',
      target: 'ntai-eastus.example.com',
      priority: 1,
      endpointLocation: 'East US',
    },
    {
      name: 'westus',
      kind: 'azureEndpoints',
      targetResourceId:
        '/subscriptions/x/resourceGroups/y/providers/Microsoft.Network/publicIPAddresses/pip-westus',
      target: 'ntai-westus.westus.cloudapp.azure.com',
      priority: 2,
      endpointLocation: 'West US',
    },
  ],
};
const REF: TrafficManagerProfileRef = {
  subscriptionId: PROFILE.subscriptionId,
  resourceGroup: PROFILE.resourceGroup,
  profileName: PROFILE.name,
  resourceId: armProfile(PROFILE).id,
};
const PROFILE_URL = `${ARM}/subscriptions/:subscriptionId/resourceGroups/:resourceGroup/providers/Microsoft.Network/trafficmanagerprofiles/:profile`;

const TIMEOUT_MS = 300;
const MAX_RETRIES = 2;

function provider() {
  return AzureTrafficProvider.fromConfig(
    new ConfigReader({
      ntInfra: {
        azure: {
          resourceManagerEndpoint: ARM,
          credential: { type: 'static', token: 'test' },
          retry: {
            maxRetries: MAX_RETRIES,
            retryDelayMs: 10,
            maxRetryDelayMs: 2000,
          },
          timeoutMs: TIMEOUT_MS,
        },
      },
    }),
    { logger: mockServices.logger.mock() },
  );
}

const server = setupServer();
registerMswTestHooks(server);

/** Answers GET profile with `respond(attempt)` and counts the attempts. */
function profileHandler(
  respond: (attempt: number) => Response | Promise<Response>,
) {
  const calls = { count: 0 };
  server.use(
    http.get(PROFILE_URL, () => {
      calls.count += 1;
      return respond(calls.count);
    }),
  );
  return calls;
}

async function timed<T>(fn: () => Promise<T>) {
  const start = Date.now();
  const result = await fn().then(
    value => ({ value, error: undefined }),
    (error: unknown) => ({ value: undefined, error }),
  );
  return { ...result, ms: Date.now() - start };
}

describe('AzureTrafficProvider under ARM faults', () => {
  it('waits out a 429 Retry-After once, then returns the profile', async () => {
    const calls = profileHandler(attempt =>
      attempt === 1
        ? HttpResponse.json(armError('TooManyRequests', 'Throttled'), {
            status: 429,
            headers: { 'Retry-After': '1' },
          })
        : HttpResponse.json(armProfile(PROFILE)),
    );
    const { value, error, ms } = await timed(() => provider().getProfile(REF));
    expect(error).toBeUndefined();
    expect(value?.endpoints.map(e => e.name)).toEqual(['eastus', 'westus']);
    expect(calls.count).toBe(2);
    expect(ms).toBeGreaterThanOrEqual(990); // the 1 s ARM asked for, not our 10 ms backoff
    expect(ms).toBeLessThan(lag.wallBound(1000 + 500));
  });

  it('retries a 429 without Retry-After with backoff (the SDK would not)', async () => {
    const calls = profileHandler(attempt =>
      attempt === 1
        ? HttpResponse.json(armError('TooManyRequests', 'Throttled'), {
            status: 429,
          })
        : HttpResponse.json(armProfile(PROFILE)),
    );
    const profile = await provider().getProfile(REF);
    expect(profile.name).toBe(PROFILE.name);
    expect(calls.count).toBe(2);
  });

  it('gives up at once when ARM asks to wait longer than maxRetryDelayMs', async () => {
    const calls = profileHandler(() =>
      HttpResponse.json(armError('TooManyRequests', 'Throttled'), {
        status: 429,
        headers: { 'Retry-After': '3600' },
      }),
    );
    const { error, ms } = await timed(() => provider().getProfile(REF));
    expect(error).toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringMatching(
        /HTTP 429 TooManyRequests: Throttled; ARM asks to retry after 3600 s/,
      ),
    });
    expect(calls.count).toBe(1);
    expect(ms).toBeLessThan(lag.wallBound(1000)); // not the hour ARM asked for
  });

  it('throws after exactly maxRetries + 1 attempts when ARM keeps answering 503', async () => {
    const calls = profileHandler(() =>
      HttpResponse.json(armError('ServiceUnavailable', 'Try later'), {
        status: 503,
      }),
    );
    const { error } = await timed(() => provider().getProfile(REF));
    expect(calls.count).toBe(MAX_RETRIES + 1);
    expect(error).toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringMatching(
        /HTTP 503 ServiceUnavailable: Try later \(after 3 attempts\)/,
      ),
    });
  });

  it('times out a hanging response within the bound and says so', async () => {
    const calls = profileHandler(async () => {
      await delay('infinite');
      return HttpResponse.json({});
    });
    const { error, ms } = await timed(() => provider().getProfile(REF));
    expect(calls.count).toBe(MAX_RETRIES + 1);
    expect(error).toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringMatching(
        /did not answer: No response within 300 ms \(after 3 attempts\)/,
      ),
    });
    // Three attempts of 300 ms plus two short backoffs, with scheduling slack.
    expect(ms).toBeGreaterThanOrEqual(3 * TIMEOUT_MS);
    expect(ms).toBeLessThan(lag.wallBound(3 * TIMEOUT_MS));
  });

  it('recovers when only the first attempt hangs', async () => {
    const calls = profileHandler(async attempt => {
      if (attempt === 1) await delay('infinite');
      return HttpResponse.json(armProfile(PROFILE));
    });
    const profile = await provider().getProfile(REF);
    expect(profile.name).toBe(PROFILE.name);
    expect(calls.count).toBe(2);
  });

  it('reports a malformed JSON body as a clear error instead of crashing', async () => {
    const calls = profileHandler(
      () =>
        new HttpResponse('{"id": "/subscriptions/', {
          status: 200,
          headers: { 'Content-Type': 'application/json' },
        }),
    );
    await expect(provider().getProfile(REF)).rejects.toMatchObject({
      name: 'Error',
      message: expect.stringMatching(
        /^Reading Traffic Manager profile 'tm-ntai-production' .*: Azure Resource Manager answered with a body that is not valid JSON/,
      ),
    });
    expect(calls.count).toBe(1); // a bad body is not retried
  });

  it('PATCHes only the changed field, at the URL of the endpoint type', async () => {
    profileHandler(() => HttpResponse.json(armProfile(PROFILE)));
    const patches: { url: string; body: unknown }[] = [];
    server.use(
      http.patch(`${PROFILE_URL}/:type/:endpoint`, async ({ request }) => {
        const body = await request.json();
        patches.push({ url: new URL(request.url).pathname, body });
        return HttpResponse.json(
          armEndpoint(PROFILE, {
            ...PROFILE.endpoints[1],
            endpointStatus: 'Disabled',
            endpointMonitorStatus: 'Disabled',
          }),
        );
      }),
    );
    const endpoint = await provider().setEndpointStatus(
      REF,
      'westus',
      'Disabled',
    );
    expect(patches).toEqual([
      {
        url: expect.stringMatching(
          /\/trafficmanagerprofiles\/tm-ntai-production\/AzureEndpoints\/westus$/,
        ),
        body: { properties: { endpointStatus: 'Disabled' } },
      },
    ]);
    expect(endpoint).toEqual({
      name: 'westus',
      type: 'Microsoft.Network/trafficManagerProfiles/azureEndpoints',
      target: 'ntai-westus.westus.cloudapp.azure.com',
      endpointStatus: 'Disabled',
      endpointMonitorStatus: 'Disabled',
      priority: 2,
      weight: undefined,
      endpointLocation: 'West US',
    });
  });
});
