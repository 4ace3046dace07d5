import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import dnsPacket from 'dns-packet';
import {
  FakeDnsServer,
  startFakeDnsServer,
} from './__testUtils__/fakeDnsServer';
import { ResolverDnsProvider } from './ResolverDnsProvider';

const FQDN = 'ntai-production.trafficmanager.net';
const TARGET = 'ntai-westus.westus.cloudapp.azure.com';

/** What a recursive resolver returns for the profile: CNAME (TM's TTL), then the target's A. */
const chain: dnsPacket.Answer[] = [
  { type: 'CNAME', name: FQDN, ttl: 60, class: 'IN', data: TARGET },
  { type: 'A', name: TARGET, ttl: 10, class: 'IN', data: '20.1.2.3' },
];

function response(flags: number, answers: dnsPacket.Answer[] = []) {
  return {
    type: 'response' as const,
    flags: dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE | flags,
    questions: [{ type: 'A' as const, name: FQDN }],
    answers,
  };
}

function resolver(fake: FakeDnsServer, tries = 1) {
  return ResolverDnsProvider.fromConfig(
    new ConfigReader({
      ntInfra: { dns: { servers: [fake.server], timeoutMs: 500, tries } },
    }),
    { logger: mockServices.logger.mock() },
  );
}

describe('ResolverDnsProvider on the wire', () => {
  let fake: FakeDnsServer | undefined;
  afterEach(() => fake?.stop());

  it("reports the CNAME's TTL even when the target's A record expires sooner", async () => {
    // Node's resolve4({ ttl: true }) would say 10 s here; clients keep the
    // old region for Traffic Manager's 60 s.
    fake = await startFakeDnsServer(() => response(0, chain));
    expect(await resolver(fake).resolve(FQDN)).toEqual({
      fqdn: FQDN,
      server: fake.server,
      cname: TARGET,
      addresses: ['20.1.2.3'],
      ttl: 60,
    });
  });

  it('asks again over TCP when the UDP answer is truncated', async () => {
    fake = await startFakeDnsServer((_query, transport) =>
      transport === 'udp'
        ? response(dnsPacket.TRUNCATED_RESPONSE)
        : response(0, chain),
    );
    expect(await resolver(fake).resolve(FQDN)).toEqual(
      expect.objectContaining({ cname: TARGET, ttl: 60 }),
    );
    expect(fake.queries.map(q => q.transport)).toEqual(['udp', 'tcp']);
  });

  it('retries a SERVFAIL and reports it when it persists', async () => {
    fake = await startFakeDnsServer(() => response(2 /* SERVFAIL */));
    await expect(resolver(fake, 2).resolve(FQDN)).rejects.toMatchObject({
      name: 'DnsQueryError',
      code: 'SERVFAIL',
      message: expect.stringContaining(`answered SERVFAIL for ${FQDN}`),
    });
    expect(fake.queries).toHaveLength(2);
  });

  it('does not ask again after NXDOMAIN: it is an answer, not a failure', async () => {
    fake = await startFakeDnsServer(() => response(3 /* NXDOMAIN */));
    await expect(resolver(fake, 3).resolve(FQDN)).rejects.toMatchObject({
      code: 'NXDOMAIN',
    });
    expect(fake.queries).toHaveLength(1);
  });

  it('rejects an answer to another question', async () => {
    fake = await startFakeDnsServer(() => ({
      ...response(0, chain),
      questions: [{ type: 'A', name: 'evil.example.com' }],
    }));
    await expect(resolver(fake).resolve(FQDN)).rejects.toMatchObject({
      code: 'BADRESPONSE',
    });
  });
});
