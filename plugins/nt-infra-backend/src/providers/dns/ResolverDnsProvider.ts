import { randomInt } from 'node:crypto';
import { promises as dns } from 'node:dns';
import dnsPacket from 'dns-packet';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { DnsAnswer } from '@internal/plugin-nt-infra-common';
import { DnsProvider } from './DnsProvider';
import { DnsQueryError } from './DnsQueryError';
import {
  DnsServerAddress,
  parseServer,
  queryTcp,
  queryUdp,
} from './dnsTransport';
import { normalizeName, rcodeOf, readAnswer } from './readAnswer';

/*
 * Why DNS messages on the wire (dns-packet over UDP, TCP when truncated)
 * rather than Node's dns.Resolver:
 * - The TTL that matters is the one on Traffic Manager's CNAME. Node's
 *   resolveCname returns no TTL, and resolve4(name, { ttl: true }) returns
 *   c-ares' min(CNAME TTL, A TTL) (checked against the sandbox: CNAME 60 and
 *   A 300 give 60), which is the CNAME's only while the target's A TTL is
 *   longer. A target with a 10 s A record would report 10 s and hide that
 *   clients keep the old region for a whole Traffic Manager TTL.
 * - resolveCname + resolve4 are two queries; during a failover, the very
 *   moment this is looked at, they can straddle the switch and report one
 *   region's CNAME with the other's addresses. One response cannot.
 * - The response's RCODE and flags are ours to read: NXDOMAIN, SERVFAIL and
 *   REFUSED become distinct, clear errors.
 * The cost is the `dns-packet` dependency (already in the repo for the
 * sandbox) and the small transport in dnsTransport.ts.
 */

const DEFAULT_TIMEOUT_MS = 2000;
const DEFAULT_TRIES = 2;

/** Server errors another server (or a later try) may not repeat. */
const TRANSIENT_CODES = new Set([
  'TIMEOUT',
  'CONNREFUSED',
  'SERVFAIL',
  'REFUSED',
  'BADRESPONSE',
]);

export interface ResolverDnsProviderOptions {
  /** Resolvers to ask in order; empty for the system's (resolv.conf). */
  servers: DnsServerAddress[];
  /** Per query (one UDP or TCP exchange with one server). */
  timeoutMs: number;
  /** Rounds over the server list; the worst case is tries × servers × timeoutMs. */
  tries: number;
  logger: LoggerService;
}

/**
 * Asks resolvers for the A record of a Traffic Manager FQDN, the way a
 * client's stub resolver does, and reports the CNAME (which region serves),
 * the addresses and the TTL clients cache.
 */
export class ResolverDnsProvider implements DnsProvider {
  /** Reads `ntInfra.dns` (see config.d.ts); throws on invalid config. */
  static fromConfig(
    config: Config,
    options: { logger: LoggerService },
  ): ResolverDnsProvider {
    const dnsConfig = config.getOptionalConfig('ntInfra.dns');
    const servers = (dnsConfig?.getOptionalStringArray('servers') ?? []).map(
      parseServer,
    );
    const timeoutMs =
      dnsConfig?.getOptionalNumber('timeoutMs') ?? DEFAULT_TIMEOUT_MS;
    const tries = dnsConfig?.getOptionalNumber('tries') ?? DEFAULT_TRIES;
    if (!(timeoutMs > 0)) {
      throw new Error(
        `Invalid config: ntInfra.dns.timeoutMs must be > 0, got ${timeoutMs}`,
      );
    }
    if (!Number.isInteger(tries) || tries < 1) {
      throw new Error(
        `Invalid config: ntInfra.dns.tries must be an integer >= 1, got ${tries}`,
      );
    }
    return new ResolverDnsProvider({
      servers,
      timeoutMs,
      tries,
      logger: options.logger.child({ provider: 'dns' }),
    });
  }

  private constructor(private readonly options: ResolverDnsProviderOptions) {}

  async resolve(fqdn: string): Promise<DnsAnswer> {
    const configured = this.options.servers.length > 0;
    const servers = configured ? this.options.servers : systemServers();
    const reported = (server: DnsServerAddress) =>
      configured ? server.label : 'system';
    let lastError: DnsQueryError | undefined;
    for (let round = 0; round < this.options.tries; round++) {
      for (const server of servers) {
        try {
          return await this.ask(server, fqdn, reported(server));
        } catch (error) {
          if (!(error instanceof DnsQueryError)) throw error;
          // NXDOMAIN and NODATA are answers, not failures: asking again
          // would only repeat them.
          if (!TRANSIENT_CODES.has(error.code)) throw error;
          lastError = error;
          this.options.logger.debug(`DNS query for ${fqdn}: ${error.message}`);
        }
      }
    }
    const attempts = this.options.tries * servers.length;
    throw new DnsQueryError(
      `Cannot resolve ${fqdn}: ${lastError?.message} (${attempts} ${
        attempts === 1 ? 'query' : 'queries'
      })`,
      lastError?.code ?? 'TIMEOUT',
      servers.map(s => s.label).join(', '),
    );
  }

  /** One query to one server: UDP, then TCP when the answer was truncated. */
  private async ask(
    server: DnsServerAddress,
    fqdn: string,
    reportedServer: string,
  ): Promise<DnsAnswer> {
    const id = randomInt(0, 65536);
    const query = dnsPacket.encode({
      type: 'query',
      id,
      // Recursion desired: a recursive resolver must follow the CNAME to the
      // target's addresses, as it does for clients.
      flags: dnsPacket.RECURSION_DESIRED,
      questions: [{ type: 'A', class: 'IN', name: normalizeName(fqdn) }],
    });
    const { timeoutMs } = this.options;
    let packet = decode(await queryUdp(server, query, timeoutMs), server);
    if (packet.flag_tc) {
      packet = decode(await queryTcp(server, query, timeoutMs), server);
    }
    const question = packet.questions?.[0];
    if (
      packet.id !== id ||
      packet.type !== 'response' ||
      (question && normalizeName(question.name) !== normalizeName(fqdn))
    ) {
      throw new DnsQueryError(
        `DNS server ${server.label} answered another question`,
        'BADRESPONSE',
        server.label,
      );
    }
    const rcode = rcodeOf(packet);
    if (rcode === 'NXDOMAIN') {
      throw new DnsQueryError(
        `${fqdn} does not exist (NXDOMAIN from ${server.label}); Azure answers this for a disabled profile or one without enabled endpoints`,
        rcode,
        server.label,
      );
    }
    if (rcode !== 'NOERROR') {
      throw new DnsQueryError(
        `DNS server ${server.label} answered ${rcode} for ${fqdn}`,
        rcode,
        server.label,
      );
    }
    return readAnswer(fqdn, reportedServer, packet);
  }
}

function decode(
  reply: Buffer,
  server: DnsServerAddress,
): dnsPacket.DecodedPacket {
  try {
    return dnsPacket.decode(reply);
  } catch (error) {
    throw new DnsQueryError(
      `DNS server ${server.label} sent a malformed answer: ${
        (error as Error).message
      }`,
      'BADRESPONSE',
      server.label,
    );
  }
}

/**
 * The system's resolvers as c-ares reads them from /etc/resolv.conf (on AKS,
 * the cluster DNS that application pods use too), read per call so an edited
 * resolv.conf is picked up.
 */
function systemServers(): DnsServerAddress[] {
  const servers = new dns.Resolver().getServers().map(parseServer);
  if (servers.length === 0) {
    throw new DnsQueryError(
      'No system DNS resolver is configured (empty /etc/resolv.conf?); set ntInfra.dns.servers',
      'NOSERVERS',
      'system',
    );
  }
  return servers;
}
