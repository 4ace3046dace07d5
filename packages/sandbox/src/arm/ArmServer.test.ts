import https from 'node:https';
import { TrafficManagerManagementClient } from '@azure/arm-trafficmanager';
import {
  startTestSandbox,
  TestSandbox,
  waitFor,
  waitForOnline,
} from '../testing/testSandbox';

// Each file boots a whole world (certificates, a dozen servers); on a busy 2-core CI machine
// that and the fast-clock waits need more than jest's default 5 s.
jest.setTimeout(30_000);

const RG = 'rg-ntai-production-global';
const PROFILE = 'tm-ntai-production';

/** The production client code path: the real SDK, a static token, the sandbox CA per call. */
function sdkClient(sandbox: TestSandbox) {
  const credential = {
    getToken: async () => ({
      token: 'sandbox-token',
      expiresOnTimestamp: Date.now() + 3600_000,
    }),
  };
  const trustSandboxCa = {
    name: 'sandboxCa',
    sendRequest: (request: any, next: (r: any) => Promise<any>) => {
      request.tlsSettings = { ca: sandbox.ca };
      return next(request);
    },
  };
  return new TrafficManagerManagementClient(
    credential,
    sandbox.endpoints.arm.subscriptionId,
    {
      endpoint: sandbox.endpoints.arm.endpoint,
      additionalPolicies: [{ policy: trustSandboxCa, position: 'perCall' }],
    },
  );
}

/** A raw HTTPS call, to check what the SDK would hide (headers, bodies of malformed requests). */
function raw(
  sandbox: TestSandbox,
  method: string,
  path: string,
  options: { body?: string; auth?: boolean } = {},
) {
  return new Promise<{ status: number; body: any }>((resolve, reject) => {
    const url = new URL(path, sandbox.endpoints.arm.endpoint);
    const req = https.request(
      url,
      {
        method,
        ca: sandbox.ca,
        headers: {
          ...(options.auth === false ? {} : { authorization: 'Bearer x' }),
          ...(options.body ? { 'content-type': 'application/json' } : {}),
        },
      },
      res => {
        let text = '';
        res.on('data', c => (text += c));
        res.on('end', () =>
          resolve({ status: res.statusCode!, body: JSON.parse(text) }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('ARM Traffic Manager (real @azure/arm-trafficmanager client)', () => {
  let sandbox: TestSandbox;
  let client: TrafficManagerManagementClient;
  const profilePath = `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/${RG}/providers/Microsoft.Network/trafficmanagerprofiles/${PROFILE}`;

  beforeAll(async () => {
    sandbox = await startTestSandbox({ speed: 20 });
    client = sdkClient(sandbox);
    await waitForOnline(sandbox);
  });
  afterAll(() => sandbox.stop());

  it('profiles.get returns the ARM-shaped profile of the naming contract', async () => {
    const p = await client.profiles.get(RG, PROFILE);
    expect(p.id).toBe(sandbox.endpoints.trafficManager.profileId);
    expect(p.id).toBe(
      `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/${RG}/providers/Microsoft.Network/trafficManagerProfiles/${PROFILE}`,
    );
    expect(p).toMatchObject({
      name: PROFILE,
      type: 'Microsoft.Network/trafficManagerProfiles',
      location: 'global',
      profileStatus: 'Enabled',
      trafficRoutingMethod: 'Priority',
      dnsConfig: {
        relativeName: 'ntai-production',
        fqdn: 'ntai-production.trafficmanager.net',
        ttl: 60,
      },
      monitorConfig: {
        profileMonitorStatus: 'Online',
        protocol: 'HTTPS',
        port: 443,
        path: '/healthz',
        intervalInSeconds: 10,
        timeoutInSeconds: 5,
        toleratedNumberOfFailures: 1,
      },
    });
    expect(
      p.endpoints!.map(e => [
        e.name,
        e.type,
        e.priority,
        e.target,
        e.endpointStatus,
        e.endpointMonitorStatus,
        e.endpointLocation,
      ]),
    ).toEqual([
      [
        'eastus',
        'Microsoft.Network/trafficManagerProfiles/externalEndpoints',
        1,
        'ntai-eastus.sandbox.local',
        'Enabled',
        'Online',
        'East US',
      ],
      [
        'westus',
        'Microsoft.Network/trafficManagerProfiles/externalEndpoints',
        2,
        'ntai-westus.sandbox.local',
        'Enabled',
        'Online',
        'West US',
      ],
    ]);
  });

  it('profiles.listByResourceGroup lists the profile', async () => {
    const names: string[] = [];
    for await (const p of client.profiles.listByResourceGroup(RG))
      names.push(p.name!);
    expect(names).toEqual([PROFILE]);
  });

  it('endpoints.update disabling the primary switches routing at once, and re-enabling checks it again', async () => {
    const disabled = await client.endpoints.update(
      RG,
      PROFILE,
      'ExternalEndpoints',
      'eastus',
      { endpointStatus: 'Disabled' },
    );
    expect(disabled).toMatchObject({
      endpointStatus: 'Disabled',
      endpointMonitorStatus: 'Disabled',
    });
    expect((await sandbox.state()).trafficManager[0].servingEndpoint).toBe(
      'westus',
    );

    const enabled = await client.endpoints.update(
      RG,
      PROFILE,
      'ExternalEndpoints',
      'eastus',
      { endpointStatus: 'Enabled' },
    );
    expect(enabled.endpointStatus).toBe('Enabled');
    expect(['CheckingEndpoint', 'Online']).toContain(
      enabled.endpointMonitorStatus,
    );
    const online = await waitFor(async () => {
      const e = await client.endpoints.get(
        RG,
        PROFILE,
        'ExternalEndpoints',
        'eastus',
      );
      return e.endpointMonitorStatus === 'Online' && e;
    });
    expect(online.priority).toBe(1);
    expect((await sandbox.state()).trafficManager[0].servingEndpoint).toBe(
      'eastus',
    );
  });

  it('profiles.update changes the monitor settings and validates them like Azure', async () => {
    const updated = await client.profiles.update(RG, PROFILE, {
      monitorConfig: {
        protocol: 'HTTPS',
        port: 443,
        path: '/healthz',
        intervalInSeconds: 30,
        timeoutInSeconds: 10,
        toleratedNumberOfFailures: 2,
      },
    });
    expect(updated.monitorConfig).toMatchObject({
      intervalInSeconds: 30,
      timeoutInSeconds: 10,
      toleratedNumberOfFailures: 2,
    });
    await expect(
      client.profiles.update(RG, PROFILE, {
        monitorConfig: { intervalInSeconds: 10, timeoutInSeconds: 10 },
      }),
    ).rejects.toMatchObject({ statusCode: 400, code: 'BadRequest' });
    // Unchanged by the rejected request.
    expect(
      (await client.profiles.get(RG, PROFILE)).monitorConfig?.intervalInSeconds,
    ).toBe(30);
    await client.profiles.update(RG, PROFILE, {
      monitorConfig: {
        intervalInSeconds: 10,
        timeoutInSeconds: 5,
        toleratedNumberOfFailures: 1,
      },
    });
  });

  it('endpoints.createOrUpdate adds an endpoint that probes its (unreachable) target', async () => {
    const created = await client.endpoints.createOrUpdate(
      RG,
      PROFILE,
      'ExternalEndpoints',
      'centralus',
      {
        target: 'ntai-centralus.example.com',
        priority: 3,
        endpointStatus: 'Enabled',
      },
    );
    expect(created).toMatchObject({
      name: 'centralus',
      priority: 3,
      target: 'ntai-centralus.example.com',
    });
    const degraded = await waitFor(async () => {
      const e = await client.endpoints.get(
        RG,
        PROFILE,
        'ExternalEndpoints',
        'centralus',
      );
      return e.endpointMonitorStatus === 'Degraded' && e;
    });
    expect(degraded.endpointStatus).toBe('Enabled');
    expect((await sandbox.state()).trafficManager[0].servingEndpoint).toBe(
      'eastus',
    );
    const del = await raw(
      sandbox,
      'DELETE',
      `${profilePath}/ExternalEndpoints/centralus?api-version=2022-04-01`,
    );
    expect(del.status).toBe(200);
  });

  it('answers missing resources with ARM error bodies and 404', async () => {
    await expect(client.profiles.get(RG, 'tm-nope')).rejects.toMatchObject({
      statusCode: 404,
      code: 'ResourceNotFound',
    });
    await expect(client.profiles.get('rg-nope', PROFILE)).rejects.toMatchObject(
      { statusCode: 404, code: 'ResourceGroupNotFound' },
    );
    await expect(
      client.endpoints.get(RG, PROFILE, 'ExternalEndpoints', 'nope'),
    ).rejects.toMatchObject({ statusCode: 404, code: 'NotFound' });
    await expect(
      client.endpoints.update(RG, PROFILE, 'ExternalEndpoints', 'eastus', {
        priority: 5000,
      }),
    ).rejects.toMatchObject({ statusCode: 400, code: 'BadRequest' });
  });

  it('rejects malformed requests the way ARM does, without crashing', async () => {
    const noVersion = await raw(sandbox, 'GET', profilePath);
    expect(noVersion).toEqual({
      status: 400,
      body: {
        error: expect.objectContaining({ code: 'MissingApiVersionParameter' }),
      },
    });
    const oldVersion = await raw(
      sandbox,
      'GET',
      `${profilePath}?api-version=2015-11-01`,
    );
    expect(oldVersion.status).toBe(400);
    expect(oldVersion.body.error.code).toBe('NoRegisteredProviderFound');
    const noAuth = await raw(
      sandbox,
      'GET',
      `${profilePath}?api-version=2022-04-01`,
      { auth: false },
    );
    expect(noAuth.status).toBe(401);
    expect(noAuth.body.error.code).toBe('AuthenticationFailed');
    const badJson = await raw(
      sandbox,
      'PATCH',
      `${profilePath}?api-version=2022-04-01`,
      { body: '{"properties":' },
    );
    expect(badJson.status).toBe(400);
    expect(badJson.body.error.code).toBe('InvalidRequestContent');
    const badMethod = await raw(
      sandbox,
      'DELETE',
      `${profilePath}?api-version=2022-04-01`,
    );
    expect(badMethod.status).toBe(405);
    // Still serving after all of that.
    expect((await client.profiles.get(RG, PROFILE)).name).toBe(PROFILE);
  });
});
