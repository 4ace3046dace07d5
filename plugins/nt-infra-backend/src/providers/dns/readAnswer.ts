import type { DecodedPacket, StringAnswer } from 'dns-packet';
import { DnsAnswer } from '@internal/plugin-nt-infra-common';
import { DnsQueryError } from './DnsQueryError';

// RFC 1035 §4.1.1 and RFC 6895: the RCODE is the low four bits of the flags.
const RCODES = [
  'NOERROR',
  'FORMERR',
  'SERVFAIL',
  'NXDOMAIN',
  'NOTIMP',
  'REFUSED',
];

export function rcodeOf(packet: DecodedPacket): string {
  const value = (packet.flags ?? 0) & 0xf;
  return RCODES[value] ?? `RCODE${value}`;
}

/** Lower case without the trailing dot: DNS names compare case-insensitively. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

// Deeper chains than this are a loop or a misconfiguration.
const MAX_CNAME_HOPS = 8;

/**
 * The DnsAnswer in a NOERROR response to `A <fqdn>`: the CNAME chain from the
 * FQDN, the addresses at its end, and the TTL clients cache.
 *
 * The TTL is the one on the first CNAME, the record Traffic Manager owns:
 * that is how long a resolver keeps sending clients to the old region after
 * a failover. (The A record at the end of the chain belongs to the target's
 * zone and has its own TTL; it only matters without a CNAME.)
 */
export function readAnswer(
  fqdn: string,
  server: string,
  packet: DecodedPacket,
): DnsAnswer {
  const answers = packet.answers ?? [];
  let current = normalizeName(fqdn);
  let cname: string | undefined;
  let ttl: number | undefined;
  for (let hop = 0; hop < MAX_CNAME_HOPS; hop++) {
    const owner = current;
    const record = answers.find(
      (a): a is StringAnswer =>
        a.type === 'CNAME' && normalizeName(a.name) === owner,
    );
    if (!record) break;
    if (cname === undefined) {
      cname = normalizeName(record.data);
      ttl = record.ttl;
    }
    current = normalizeName(record.data);
  }
  const addresses = answers.filter(
    (a): a is StringAnswer =>
      a.type === 'A' && normalizeName(a.name) === current,
  );
  if (cname === undefined && addresses.length === 0) {
    throw new DnsQueryError(
      `DNS server ${server} knows ${fqdn} but has no A or CNAME record for it (NODATA)`,
      'NODATA',
      server,
    );
  }
  // An authoritative server of the Traffic Manager zone alone may answer
  // the CNAME without the target's addresses; the CNAME is what tells the
  // region, so that is still an answer.
  return {
    fqdn,
    server,
    ...(cname !== undefined ? { cname } : {}),
    addresses: addresses.map(a => a.data),
    ttl: ttl ?? Math.min(...addresses.map(a => a.ttl ?? 0)),
  };
}
