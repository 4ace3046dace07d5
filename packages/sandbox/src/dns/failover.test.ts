import { promises as dns } from 'node:dns';
import net from 'node:net';
import dnsPacket from 'dns-packet';
import { EventLoopLag } from '../testing/eventLoopLag';
import {
  startTestSandbox,
  TestSandbox,
  waitFor,
  waitForOnline,
} from '../testing/testSandbox';

// Each file boots a whole world (certificates, a dozen servers); on a busy 2-core CI machine
// that and the fast-clock waits need more than jest's default 5 s.
jest.setTimeout(30_000);

const FQDN = 'ntai-production.trafficmanager.net';
// 10×: one world second is 100 ms of wall time, a margin a busy 2-core CI machine keeps.
const SPEED = 10;
/** How often the test resolves, as a client polling for the new answer (wall ms). */
const POLL_MS = 10;

/** One DNS query over TCP with dns-packet, to see TTLs and flags a stub resolver hides. */
function queryTcp(
  port: number,
  name: string,
  type: 'A' | 'CNAME' | 'AAAA' = 'A',
) {
  return new Promise<dnsPacket.Packet>((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => {
      socket.write(
        dnsPacket.streamEncode({
          type: 'query',
          id: 7,
          flags: dnsPacket.RECURSION_DESIRED,
          questions: [{ type, name }],
        }),
      );
    });
    let buf = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      if (buf.length >= 2 && buf.length >= 2 + buf.readUInt16BE(0)) {
        socket.end();
        resolve(dnsPacket.streamDecode(buf));
      }
    });
    socket.on('error', reject);
  });
}

describe('DNS failover as a resolver sees it', () => {
  let sandbox: TestSandbox;
  let resolver: dns.Resolver;
  let lag: EventLoopLag;

  beforeAll(async () => {
    lag = EventLoopLag.start();
    sandbox = await startTestSandbox({ speed: SPEED });
    resolver = new dns.Resolver({ timeout: 1000, tries: 2 });
    resolver.setServers([sandbox.endpoints.dns.server]);
    await waitForOnline(sandbox);
  });
  afterAll(() => {
    lag.stop();
    return sandbox.stop();
  });

  it('answers the profile FQDN authoritatively with the configured TTL', async () => {
    expect(await resolver.resolveCname(FQDN)).toEqual([
      'ntai-eastus.sandbox.local',
    ]);
    expect(await resolver.resolve4(FQDN)).toEqual(['127.0.0.1']);
    const answer: any = await queryTcp(sandbox.endpoints.dns.port, FQDN);
    expect(answer.rcode).toBe('NOERROR');
    expect(answer.flag_aa).toBe(true);
    expect(answer.answers).toEqual([
      expect.objectContaining({
        type: 'CNAME',
        name: FQDN,
        ttl: 60,
        data: 'ntai-eastus.sandbox.local',
      }),
      expect.objectContaining({
        type: 'A',
        name: 'ntai-eastus.sandbox.local',
        data: '127.0.0.1',
      }),
    ]);
    const missing: any = await queryTcp(
      sandbox.endpoints.dns.port,
      'nope.trafficmanager.net',
    );
    expect(missing.rcode).toBe('NXDOMAIN');
    const foreign: any = await queryTcp(
      sandbox.endpoints.dns.port,
      'example.com',
    );
    expect(foreign.rcode).toBe('REFUSED');
  });

  it('switches the answer when probes have failed tolerated+1 times, and fails back after one good probe', async () => {
    const { profileMonitorStatus } = (await sandbox.state()).trafficManager[0];
    expect(profileMonitorStatus).toBe('Online');

    const down = await sandbox.control('/regions/eastus/down', {
      method: 'POST',
    });
    const downAt: number = down.at.worldTimeMs;
    // Right after the outage Traffic Manager has not noticed yet: clients still go east.
    expect(await resolver.resolveCname(FQDN)).toEqual([
      'ntai-eastus.sandbox.local',
    ]);

    // Watch the answers as a client would, noting the world time the new answer appears.
    let slowestPollMs = 0;
    const seenAt = await waitFor(
      async () => {
        const polled = Date.now();
        const [target] = await resolver.resolveCname(FQDN);
        const seen =
          target === 'ntai-westus.sandbox.local' && sandbox.worldNow();
        slowestPollMs = Math.max(slowestPollMs, Date.now() - polled);
        return seen;
      },
      20000,
      POLL_MS,
    );

    const truth = await sandbox.state();
    const [sw] = truth.trafficManager[0].switches;
    expect(sw).toMatchObject({
      from: 'eastus',
      to: 'westus',
      toTarget: 'ntai-westus.sandbox.local',
    });
    const switchedAt = Date.parse(sw.worldTime);
    // Probe semantics: interval 10 s, tolerated 1 → degraded at the 2nd consecutive failure,
    // i.e. interval × (tolerated + 1) after the outage, give or take one interval.
    // The sandbox's probe timers run on this event loop: late by its lag.
    expect(switchedAt - downAt).toBeGreaterThan(10000);
    expect(switchedAt - downAt).toBeLessThanOrEqual(
      20000 + 5000 + lag.maxMs() * SPEED,
    );
    // The resolver saw it at the moment Traffic Manager switched: within one
    // poll (its interval, its slowest answer and the loop's lag) of the switch.
    expect(seenAt).toBeGreaterThanOrEqual(switchedAt);
    expect(seenAt - switchedAt).toBeLessThanOrEqual(
      lag.worldTolerance(SPEED, POLL_MS + slowestPollMs),
    );
    // Caching clients converge one TTL later.
    expect(Date.parse(sw.clientsConvergedBy) - switchedAt).toBe(60000);
    expect(truth.trafficManager[0].endpoints[0]).toMatchObject({
      name: 'eastus',
      endpointMonitorStatus: 'Degraded',
    });
    expect(truth.trafficManager[0].profileMonitorStatus).toBe('Online');

    const up = await sandbox.control('/regions/eastus/up', { method: 'POST' });
    await waitFor(
      async () =>
        (await resolver.resolveCname(FQDN))[0] === 'ntai-eastus.sandbox.local',
      20000,
      10,
    );
    const back = (await sandbox.state()).trafficManager[0].switches[1];
    expect(back).toMatchObject({ from: 'westus', to: 'eastus' });
    // Failback after the first successful probe: within one interval of recovery, plus
    // the probe's own timeout (5 s) and however late the loop ran the probe timers.
    expect(Date.parse(back.worldTime) - up.at.worldTimeMs).toBeLessThanOrEqual(
      10000 + 5000 + lag.maxMs() * SPEED,
    );
  });

  it('answers as if all were online when every endpoint is degraded', async () => {
    await sandbox.control('/regions/eastus/down', { method: 'POST' });
    await sandbox.control('/regions/westus/down', { method: 'POST' });
    const state = await waitFor(async () => {
      const s = await sandbox.state();
      return s.trafficManager[0].profileMonitorStatus === 'Degraded' && s;
    }, 20000);
    expect(
      state.trafficManager[0].endpoints.map(
        (e: any) => e.endpointMonitorStatus,
      ),
    ).toEqual(['Degraded', 'Degraded']);
    // Priority routing over "all online": the primary again.
    expect(await resolver.resolveCname(FQDN)).toEqual([
      'ntai-eastus.sandbox.local',
    ]);
    await sandbox.control('/regions/eastus/up', { method: 'POST' });
    await sandbox.control('/regions/westus/up', { method: 'POST' });
  });

  it('answers over UDP for dig-style clients and over TCP the same way', async () => {
    const udp = await resolver.resolveCname(FQDN);
    const tcp = await queryTcp(sandbox.endpoints.dns.port, FQDN, 'CNAME');
    expect(tcp.answers?.map(a => (a as { data: unknown }).data)).toEqual(udp);
  });
});
