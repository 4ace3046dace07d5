import type { Answer, Packet, Question } from 'dns-packet';
import type { TrafficManager } from '../trafficmanager';
import {
  answerEndpoint,
  profileFqdn,
  TRAFFIC_MANAGER_DOMAIN,
} from '../trafficmanager';

/** Zone of the regions' application hostnames (targets of the endpoints). */
export const SANDBOX_ZONE = 'sandbox.local';
/** TTL of the targets' own A records (their zone's choice, not Traffic Manager's). */
const TARGET_TTL = 300;
const LOOPBACK_ADDRESS = '127.0.0.1';

const RCODE = {
  NOERROR: 0,
  FORMERR: 1,
  SERVFAIL: 2,
  NXDOMAIN: 3,
  NOTIMP: 4,
  REFUSED: 5,
} as const;
const AUTHORITATIVE = 1 << 10;
const RECURSION_DESIRED = 1 << 8;

export type QueryObserver = (info: {
  profile: string;
  endpoint?: string;
  name: string;
  type: string;
}) => void;

/**
 * The authoritative answer for one DNS query: Traffic Manager's zone (the profile FQDNs,
 * CNAME to the endpoint chosen at this very moment, with the profile's TTL) and the
 * sandbox zone of the targets (A 127.0.0.1). Anything else is refused, as an authoritative
 * server that does not recurse would.
 */
export function answerQuery(
  query: Packet,
  tm: TrafficManager,
  observe?: QueryObserver,
): Packet {
  const questions = query.questions ?? [];
  const response = (
    rcode: number,
    answers: Answer[] = [],
    authorities: Answer[] = [],
  ): Packet => ({
    id: query.id,
    type: 'response',
    flags: AUTHORITATIVE | ((query.flags ?? 0) & RECURSION_DESIRED) | rcode,
    questions,
    answers,
    authorities,
    additionals: (query.additionals ?? []).some(a => a.type === 'OPT')
      ? [{ type: 'OPT', name: '.', udpPayloadSize: 1232 } as unknown as Answer]
      : [],
  });

  // dns-packet decodes the opcode, but its types do not declare it.
  const opcode = (query as Packet & { opcode?: string }).opcode;
  if (opcode && opcode !== 'QUERY') return response(RCODE.NOTIMP);
  if (questions.length !== 1) return response(RCODE.FORMERR);
  const q: Question = questions[0];
  // 'ANY' (255) is decoded as such but missing from dns-packet's RecordType union.
  const qtype = q.type as string;
  const name = q.name.toLowerCase().replace(/\.$/, '');
  const zone = zoneOf(name);
  if (!zone) return response(RCODE.REFUSED);
  const soa = [soaRecord(zone)];

  if (name === zone) {
    if (qtype === 'SOA' || qtype === 'ANY') return response(RCODE.NOERROR, soa);
    if (qtype === 'NS')
      return response(RCODE.NOERROR, [
        {
          type: 'NS',
          name: zone,
          ttl: 3600,
          class: 'IN',
          data: `ns1.${SANDBOX_ZONE}`,
        },
      ]);
    return response(RCODE.NOERROR, [], soa);
  }

  if (zone === TRAFFIC_MANAGER_DOMAIN) {
    const profile = tm.byFqdn(name);
    if (!profile) return response(RCODE.NXDOMAIN, [], soa);
    const endpoint = answerEndpoint(profile, tm.random);
    observe?.({
      profile: profile.name,
      endpoint: endpoint?.name,
      name,
      type: q.type,
    });
    // A disabled profile, or one without enabled endpoints, answers NXDOMAIN in Azure.
    if (!endpoint?.target) return response(RCODE.NXDOMAIN, [], soa);
    const target = endpoint.target.toLowerCase();
    const answers: Answer[] = [
      {
        type: 'CNAME',
        name: profileFqdn(profile),
        ttl: profile.dnsConfig.ttl,
        class: 'IN',
        data: target,
      },
    ];
    if (
      (qtype === 'A' || qtype === 'ANY') &&
      zoneOf(target) === SANDBOX_ZONE &&
      isKnownTarget(tm, target)
    ) {
      answers.push({
        type: 'A',
        name: target,
        ttl: TARGET_TTL,
        class: 'IN',
        data: LOOPBACK_ADDRESS,
      });
    }
    return response(RCODE.NOERROR, answers);
  }

  // sandbox.local: the regions' application hostnames, all on loopback.
  if (!isKnownTarget(tm, name)) return response(RCODE.NXDOMAIN, [], soa);
  if (qtype === 'A' || qtype === 'ANY') {
    return response(RCODE.NOERROR, [
      { type: 'A', name, ttl: TARGET_TTL, class: 'IN', data: LOOPBACK_ADDRESS },
    ]);
  }
  return response(RCODE.NOERROR, [], soa);
}

export function formatError(id: number): Packet {
  return {
    id,
    type: 'response',
    flags: AUTHORITATIVE | RCODE.FORMERR,
    questions: [],
    answers: [],
  };
}

function zoneOf(name: string): string | undefined {
  return [TRAFFIC_MANAGER_DOMAIN, SANDBOX_ZONE].find(
    z => name === z || name.endsWith(`.${z}`),
  );
}

function isKnownTarget(tm: TrafficManager, name: string): boolean {
  return tm
    .all()
    .some(p => p.endpoints.some(e => e.target?.toLowerCase() === name));
}

function soaRecord(zone: string): Answer {
  return {
    type: 'SOA',
    name: zone,
    ttl: 300,
    class: 'IN',
    data: {
      mname: `ns1.${SANDBOX_ZONE}`,
      rname: `hostmaster.${SANDBOX_ZONE}`,
      serial: 2024010101,
      refresh: 900,
      retry: 300,
      expire: 604800,
      minimum: 30,
    },
  };
}
