import dgram from 'node:dgram';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { EventLoopLag, startTestSandbox, TestSandbox } from '@internal/sandbox';
import { ResolverDnsProvider } from './ResolverDnsProvider';

// Wall-clock bounds below are a second plus however late this process ran
// its timers during the test, never a guessed sub-second slack.
let lag: EventLoopLag;
beforeEach(() => {
  lag = EventLoopLag.start();
});
afterEach(() => lag.stop());

// One sandbox world for the file (a few seconds to boot on 2 cores).
jest.setTimeout(30_000);

function resolver(
  servers: string[],
  dns: { timeoutMs?: number; tries?: number } = {},
) {
  return ResolverDnsProvider.fromConfig(
    new ConfigReader({ ntInfra: { dns: { servers, ...dns } } }),
    { logger: mockServices.logger.mock() },
  );
}

async function timed(promise: Promise<unknown>) {
  const start = Date.now();
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  return { error, ms: Date.now() - start };
}

/** A UDP socket that receives queries and never answers: a dead resolver. */
async function silentUdpSocket() {
  const socket = dgram.createSocket('udp4');
  await new Promise<void>(resolve => socket.bind(0, '127.0.0.1', resolve));
  return {
    server: `127.0.0.1:${socket.address().port}`,
    close: () => new Promise<void>(resolve => socket.close(() => resolve())),
  };
}

describe('ResolverDnsProvider against the sandbox DNS', () => {
  let sandbox: TestSandbox;
  let fqdn: string;

  beforeAll(async () => {
    sandbox = await startTestSandbox({ speed: 20 });
    fqdn = sandbox.endpoints.trafficManager.fqdn!;
  });
  afterAll(() => sandbox?.stop());

  it("reports the serving endpoint's CNAME, its addresses and Traffic Manager's TTL", async () => {
    const dns = resolver([sandbox.endpoints.dns.server]);
    expect(await dns.resolve(fqdn)).toEqual({
      fqdn,
      server: sandbox.endpoints.dns.server,
      cname: 'ntai-eastus.sandbox.local',
      addresses: ['127.0.0.1'],
      // The profile's TTL on the CNAME, not the target A record's 300 s.
      ttl: 60,
    });
  });

  it('answers a name Traffic Manager does not know with NXDOMAIN', async () => {
    const dns = resolver([sandbox.endpoints.dns.server], {
      timeoutMs: 1000,
      tries: 3,
    });
    await expect(
      dns.resolve('no-such-profile.trafficmanager.net'),
    ).rejects.toMatchObject({
      name: 'DnsQueryError',
      code: 'NXDOMAIN',
      message: expect.stringMatching(
        /^no-such-profile\.trafficmanager\.net does not exist \(NXDOMAIN from 127\.0\.0\.1:\d+\)/,
      ),
    });
  });

  it('reports REFUSED from a server that does not serve the zone', async () => {
    const dns = resolver([sandbox.endpoints.dns.server], { tries: 1 });
    await expect(dns.resolve('www.example.com')).rejects.toMatchObject({
      code: 'REFUSED',
      message: expect.stringContaining('answered REFUSED for www.example.com'),
    });
  });

  it('times out on a silent resolver within tries × timeoutMs', async () => {
    const silent = await silentUdpSocket();
    try {
      const dns = resolver([silent.server], { timeoutMs: 300, tries: 2 });
      const { error, ms } = await timed(dns.resolve(fqdn));
      expect(error).toMatchObject({
        name: 'DnsQueryError',
        code: 'TIMEOUT',
        message: expect.stringMatching(
          /^Cannot resolve .*: DNS server 127\.0\.0\.1:\d+ did not answer within 300 ms \(UDP\) \(2 queries\)$/,
        ),
      });
      expect(ms).toBeGreaterThanOrEqual(600);
      expect(ms).toBeLessThan(lag.wallBound(600));
    } finally {
      await silent.close();
    }
  });

  it('fails fast on a closed port instead of waiting for the timeout', async () => {
    const closed = await silentUdpSocket();
    await closed.close();
    const dns = resolver([closed.server], { timeoutMs: 2000, tries: 2 });
    const { error, ms } = await timed(dns.resolve(fqdn));
    expect(error).toMatchObject({
      code: 'CONNREFUSED',
      message: expect.stringContaining('refused the connection'),
    });
    // Well under the 2 × 2 s of timeouts a silent server would cost.
    expect(ms).toBeLessThan(lag.wallBound(1000));
  });

  it('falls back to the next server when the first does not answer', async () => {
    const silent = await silentUdpSocket();
    try {
      const dns = resolver([silent.server, sandbox.endpoints.dns.server], {
        timeoutMs: 200,
      });
      expect(await dns.resolve(fqdn)).toEqual(
        expect.objectContaining({
          server: sandbox.endpoints.dns.server,
          cname: 'ntai-eastus.sandbox.local',
        }),
      );
    } finally {
      await silent.close();
    }
  });
});
