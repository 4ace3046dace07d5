import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { startTestSandbox, TestSandbox, waitFor } from '@internal/sandbox';
import {
  TrafficManagerProfile,
  TrafficManagerProfileRef,
} from '@internal/plugin-nt-infra-common';
import { ResolverDnsProvider } from '../dns/ResolverDnsProvider';
import { AzureTrafficProvider } from './AzureTrafficProvider';

// One sandbox world per file: certificates and a dozen servers take a few
// seconds on a busy 2-core machine, and the fast-clock waits add to it.
jest.setTimeout(30_000);

const EXTERNAL = 'Microsoft.Network/trafficManagerProfiles/externalEndpoints';
const EAST_TARGET = 'ntai-eastus.sandbox.local';
const WEST_TARGET = 'ntai-westus.sandbox.local';

function refOf(profileId: string): TrafficManagerProfileRef {
  const match =
    /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Network\/trafficManagerProfiles\/([^/]+)$/i.exec(
      profileId,
    );
  if (!match) throw new Error(`not a profile id: ${profileId}`);
  return {
    subscriptionId: match[1],
    resourceGroup: match[2],
    profileName: match[3],
    resourceId: profileId,
  };
}

describe('AzureTrafficProvider against the sandbox world', () => {
  let sandbox: TestSandbox;
  let traffic: AzureTrafficProvider;
  let dns: ResolverDnsProvider;
  let ref: TrafficManagerProfileRef;

  const servingTarget = async () =>
    (await dns.resolve(sandbox.endpoints.trafficManager.fqdn!)).cname;
  const allOnline = async () => {
    const profile = await traffic.getProfile(ref);
    return (
      profile.endpoints.every(e => e.endpointMonitorStatus === 'Online') &&
      profile
    );
  };

  beforeAll(async () => {
    sandbox = await startTestSandbox({ speed: 20 });
    // The production code path: config only, as app-config.yaml has it.
    const config = new ConfigReader({
      ntInfra: {
        azure: {
          resourceManagerEndpoint: sandbox.endpoints.arm.endpoint,
          caFiles: [sandbox.endpoints.caPath!],
          credential: { type: 'static', token: 'sandbox' },
          timeoutMs: 5000,
        },
        dns: { servers: [sandbox.endpoints.dns.server], timeoutMs: 1000 },
      },
    });
    const logger = mockServices.logger.mock();
    traffic = AzureTrafficProvider.fromConfig(config, { logger });
    dns = ResolverDnsProvider.fromConfig(config, { logger });
    ref = refOf(sandbox.endpoints.trafficManager.profileId!);
  });

  afterEach(async () => {
    // Back to the topology (both endpoints enabled, priorities 1 and 2) and
    // probed again, so each test starts from the same routing.
    await sandbox.control('/reset', { method: 'POST' });
    await waitFor(allOnline);
  });

  afterAll(() => sandbox?.stop());

  it('reads the profile with its DNS and monitor settings and both endpoints Online after the first probes', async () => {
    const profile: TrafficManagerProfile = await waitFor(allOnline);
    expect(profile).toEqual({
      id: sandbox.endpoints.trafficManager.profileId,
      name: ref.profileName,
      profileStatus: 'Enabled',
      profileMonitorStatus: 'Online',
      trafficRoutingMethod: 'Priority',
      dnsConfig: {
        relativeName: 'ntai-production',
        fqdn: sandbox.endpoints.trafficManager.fqdn,
        ttl: 60,
      },
      monitorConfig: {
        protocol: 'HTTPS',
        port: 443,
        path: '/healthz',
        intervalInSeconds: 10,
        timeoutInSeconds: 5,
        toleratedNumberOfFailures: 1,
      },
      endpoints: [
        expect.objectContaining({
          name: 'eastus',
          type: EXTERNAL,
          target: EAST_TARGET,
          endpointStatus: 'Enabled',
          endpointMonitorStatus: 'Online',
          priority: 1,
          endpointLocation: 'East US',
        }),
        expect.objectContaining({
          name: 'westus',
          type: EXTERNAL,
          target: WEST_TARGET,
          endpointStatus: 'Enabled',
          endpointMonitorStatus: 'Online',
          priority: 2,
        }),
      ],
    });
  });

  it('disabling eastus sends clients to westus, re-enabling brings them back after the probe', async () => {
    await waitFor(allOnline);
    expect(await dns.resolve(sandbox.endpoints.trafficManager.fqdn!)).toEqual(
      expect.objectContaining({ cname: EAST_TARGET, ttl: 60 }),
    );

    const disabled = await traffic.setEndpointStatus(ref, 'eastus', 'Disabled');
    expect(disabled).toEqual(
      expect.objectContaining({ name: 'eastus', endpointStatus: 'Disabled' }),
    );
    await waitFor(async () => (await servingTarget()) === WEST_TARGET);
    const whileDisabled = await traffic.getProfile(ref);
    expect(whileDisabled.endpoints[0]).toEqual(
      expect.objectContaining({
        endpointStatus: 'Disabled',
        endpointMonitorStatus: 'Disabled',
        priority: 1, // PATCH of the status only: the priority is untouched
      }),
    );

    const enabled = await traffic.setEndpointStatus(ref, 'eastus', 'Enabled');
    expect(enabled.endpointStatus).toBe('Enabled');
    await waitFor(async () => (await servingTarget()) === EAST_TARGET);
    await waitFor(async () => {
      const east = (await traffic.getProfile(ref)).endpoints[0];
      return east.endpointMonitorStatus === 'Online';
    });
  });

  it('giving eastus a lower precedence than westus moves traffic to westus', async () => {
    await waitFor(allOnline);
    const moved = await traffic.setEndpointPriority(ref, 'eastus', 3);
    expect(moved).toEqual(
      expect.objectContaining({
        name: 'eastus',
        priority: 3,
        endpointStatus: 'Enabled',
      }),
    );
    await waitFor(async () => (await servingTarget()) === WEST_TARGET);
  });

  it('finds endpoints by name case-insensitively, as Azure does', async () => {
    const endpoint = await traffic.setEndpointStatus(ref, 'EastUS', 'Enabled');
    expect(endpoint.name).toBe('eastus');
  });

  it('rejects an unknown endpoint with a NotFoundError that names it', async () => {
    await expect(
      traffic.setEndpointStatus(ref, 'southcentralus', 'Disabled'),
    ).rejects.toMatchObject({
      name: 'NotFoundError',
      message: expect.stringMatching(
        /no endpoint 'southcentralus' \(it has: eastus, westus\)/,
      ),
    });
  });

  it("surfaces ARM's ResourceNotFound for a wrong profile name", async () => {
    await expect(
      traffic.getProfile({ ...ref, profileName: 'tm-does-not-exist' }),
    ).rejects.toMatchObject({
      name: 'NotFoundError',
      message: expect.stringMatching(
        /HTTP 404 ResourceNotFound: .*tm-does-not-exist/,
      ),
    });
  });

  it('reports an untrusted certificate or a missing CA file clearly, without retrying', async () => {
    const withCaFiles = (caFiles: string[]) =>
      AzureTrafficProvider.fromConfig(
        new ConfigReader({
          ntInfra: {
            azure: {
              resourceManagerEndpoint: sandbox.endpoints.arm.endpoint,
              caFiles,
              credential: { type: 'static', token: 'sandbox' },
            },
          },
        }),
        { logger: mockServices.logger.mock() },
      );
    // A TLS failure is a configuration problem: one attempt, no backoff.
    await expect(withCaFiles([]).getProfile(ref)).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringMatching(
        /cannot reach Azure Resource Manager: unable to verify the first certificate \(UNABLE_TO_VERIFY_LEAF_SIGNATURE\)$/,
      ),
    });
    await expect(
      withCaFiles(['/nonexistent/ca.pem']).getProfile(ref),
    ).rejects.toThrow(
      "Cannot read CA file '/nonexistent/ca.pem' (ntInfra.azure.caFiles)",
    );
  });

  it("surfaces ARM's validation of a priority as an InputError with ARM's message", async () => {
    await expect(
      traffic.setEndpointPriority(ref, 'eastus', 5000),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(
        /HTTP 400 BadRequest: .*between 1 and 1000/,
      ),
    });
  });
});
