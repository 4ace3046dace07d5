import https from 'node:https';
import {
  startTestSandbox,
  TestSandbox,
  waitFor,
  waitForOnline,
} from '../testing/testSandbox';

// Boots a whole world; a failover plus one TTL is ~90 world seconds, 4.5 s at 20×.
jest.setTimeout(60_000);

const PROFILE = 'tm-ntai-production';
const RG = 'rg-ntai-production-global';

describe('synthetic clients', () => {
  let sandbox: TestSandbox;

  beforeAll(async () => {
    sandbox = await startTestSandbox({ speed: 20, clients: 200 });
    await waitForOnline(sandbox);
  });
  afterAll(() => sandbox.stop());

  const clients = async (since?: number) =>
    (
      await sandbox.control(`/clients${since ? `?since=${since}` : ''}`)
    ).profiles.find((p: any) => p.profile === PROFILE);
  /** Sets the profile's TTL through the sandbox's ARM API, as an operator would. */
  const setTtl = (ttl: number) =>
    new Promise<number>((resolve, reject) => {
      const { endpoint, subscriptionId } = sandbox.endpoints.arm;
      const body = JSON.stringify({ properties: { dnsConfig: { ttl } } });
      const req = https.request(
        new URL(
          `/subscriptions/${subscriptionId}/resourceGroups/${RG}/providers/Microsoft.Network/trafficmanagerprofiles/${PROFILE}?api-version=2022-04-01`,
          endpoint,
        ),
        {
          method: 'PATCH',
          ca: sandbox.ca,
          headers: {
            authorization: 'Bearer x',
            'content-type': 'application/json',
          },
        },
        res => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const shares = async () =>
    (await sandbox.state()).trafficManager.find(
      (p: any) => p.profile === PROFILE,
    ).trafficShares;

  it('are all on the primary and never fail while it is healthy', async () => {
    expect(await clients()).toMatchObject({
      clients: 200,
      failingNow: 0,
      outages: { affected: 0 },
    });
    expect(await shares()).toEqual({ eastus: 1 });
  });

  it('keep failing until their cached answer expires after the switch: outages spread over one TTL', async () => {
    const down = await sandbox.control('/regions/eastus/down', {
      method: 'POST',
    });
    const downAt: number = down.at.worldTimeMs;
    const sw = await waitFor(async () => {
      const p = (await sandbox.state()).trafficManager.find(
        (x: any) => x.profile === PROFILE,
      );
      return p.switches.find((s: any) => s.to === 'westus');
    }, 20000);
    const switchedAt = Date.parse(sw.worldTime);

    // Half a TTL after the switch about half of the users have moved (the caches drain evenly).
    await waitFor(
      async () => (await sandbox.worldNow()) >= switchedAt + 30000,
      20000,
    );
    const half = await shares();
    expect(half.westus).toBeGreaterThan(0.35);
    expect(half.westus).toBeLessThan(0.65);
    expect((await clients()).failingNow).toBeGreaterThan(60);

    const done = await waitFor(async () => {
      const c = await clients(downAt);
      return c.failingNow === 0 && c.outages.affected > 0 && c;
    }, 20000);
    expect(await shares()).toEqual({ westus: 1 });
    // Every client was on the dead primary, so every one had an outage.
    expect(done.outages.affected).toBe(200);
    expect(done.outages.ongoing).toBe(0);
    const detection = (switchedAt - downAt) / 1000;
    // The last cache to expire does so just before switch + TTL (one client tick of slack
    // for the first failure being seen after the cut).
    expect(done.outages.maxSeconds).toBeGreaterThan(detection + 60 - 2);
    expect(done.outages.maxSeconds).toBeLessThanOrEqual(detection + 60 + 1);
    // The median client waited about half a TTL after the switch.
    expect(done.outages.p50Seconds).toBeGreaterThan(detection + 30 - 6);
    expect(done.outages.p50Seconds).toBeLessThan(detection + 30 + 6);
    expect(done.outages.p95Seconds).toBeLessThanOrEqual(
      done.outages.maxSeconds,
    );

    await sandbox.control('/regions/eastus/up', { method: 'POST' });
  });

  it('produce the app request counters: user requests by region and code', async () => {
    const res = await fetch(
      `${sandbox.endpoints.prometheus}/api/v1/query?${new URLSearchParams({
        query: 'http_requests_total{region="eastus",route="/",code="503"}',
      })}`,
    );
    const body = (await res.json()) as any;
    // The dead primary rejected the users still sending to it.
    const rejected = body.data.result.reduce(
      (s: number, r: any) => s + Number(r.value[1]),
      0,
    );
    expect(rejected).toBeGreaterThan(0);
  });

  it('spread their caches over the TTL again when it changes, from 0 too', async () => {
    await sandbox.control('/reset', { method: 'POST' });
    await waitForOnline(sandbox);
    expect(await setTtl(0)).toBe(200);
    // With no TTL every client resolves at each request, all in the same tick.
    const uncachedAt = await sandbox.worldNow();
    await waitFor(
      async () => (await sandbox.worldNow()) >= uncachedAt + 5000,
      5000,
    );
    expect(await setTtl(60)).toBe(200);
    await sandbox.control('/regions/eastus/down', { method: 'POST' });
    const sw = await waitFor(async () => {
      const p = (await sandbox.state()).trafficManager.find(
        (x: any) => x.profile === PROFILE,
      );
      return p.switches.find((s: any) => s.to === 'westus');
    }, 20000);
    const switchedAt = Date.parse(sw.worldTime);
    // Half a TTL after the switch about half of the users have moved, as when the
    // population started, not all or none of them at once.
    await waitFor(
      async () => (await sandbox.worldNow()) >= switchedAt + 30000,
      20000,
    );
    const half = await shares();
    expect(half.westus).toBeGreaterThan(0.35);
    expect(half.westus).toBeLessThan(0.65);
    await sandbox.control('/regions/eastus/up', { method: 'POST' });
  });

  it('reject a since that is not a time', async () => {
    const res = await fetch(`${sandbox.endpoints.control}/clients?since=soon`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).error).toMatch(/since/);
  });
});
