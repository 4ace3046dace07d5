import { armErrors } from '../payloads/arm';
import type { EndpointKind, TmEndpoint, TmProfile } from '../trafficmanager';
import { ArmError } from './ArmError';

/**
 * Validation and application of PATCH/PUT bodies, with the rules Azure enforces
 * (monitor interval 10 or 30, timeout 5..9 or 5..10, tolerated failures 0..9, …). Changes are
 * validated completely before anything is applied, so a bad request changes nothing.
 */
type Body = Record<string, unknown>;

const ROUTING_METHODS = [
  'Priority',
  'Weighted',
  'Performance',
  'Geographic',
  'MultiValue',
  'Subnet',
];

function bad(message: string): never {
  throw ArmError.from(armErrors.badRequest(message));
}

function props(body: unknown): Body {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw ArmError.from(
      armErrors.invalidJson('the body must be a JSON object'),
    );
  }
  const p = (body as Body).properties;
  if (p === undefined) return {};
  if (typeof p !== 'object' || p === null || Array.isArray(p))
    bad("'properties' must be an object.");
  return p as Body;
}

function intIn(v: unknown, name: string, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    bad(
      `The value '${String(
        v,
      )}' of '${name}' is invalid. It must be an integer between ${min} and ${max}.`,
    );
  }
  return v;
}

function enumOf<T extends string>(
  v: unknown,
  name: string,
  allowed: readonly T[],
): T {
  if (!allowed.includes(v as T))
    bad(
      `The value '${String(
        v,
      )}' of '${name}' is invalid. Allowed values: ${allowed.join(', ')}.`,
    );
  return v as T;
}

function headers(v: unknown, name: string): { name: string; value: string }[] {
  if (
    !Array.isArray(v) ||
    v.some(h => typeof h?.name !== 'string' || typeof h?.value !== 'string')
  ) {
    bad(`'${name}' must be a list of {name, value} strings.`);
  }
  return (v as { name: string; value: string }[]).map(h => ({
    name: h.name,
    value: h.value,
  }));
}

/** Applies a profile PATCH (or PUT of an existing profile); returns what changed, for the event log. */
export function applyProfilePatch(profile: TmProfile, body: unknown): string[] {
  const p = props(body);
  const changes: (() => string)[] = [];
  if (
    body &&
    typeof (body as Body).tags === 'object' &&
    (body as Body).tags !== null
  ) {
    const tags = (body as Body).tags as Record<string, unknown>;
    if (Object.values(tags).some(t => typeof t !== 'string'))
      bad("'tags' values must be strings.");
    changes.push(() => {
      profile.tags = tags as Record<string, string>;
      return 'tags';
    });
  }
  if (p.profileStatus !== undefined) {
    const v = enumOf(p.profileStatus, 'profileStatus', [
      'Enabled',
      'Disabled',
    ] as const);
    changes.push(() => {
      profile.profileStatus = v;
      return `profileStatus=${v}`;
    });
  }
  if (p.trafficRoutingMethod !== undefined) {
    const v = enumOf(
      p.trafficRoutingMethod,
      'trafficRoutingMethod',
      ROUTING_METHODS,
    );
    changes.push(() => {
      profile.trafficRoutingMethod = v;
      return `trafficRoutingMethod=${v}`;
    });
  }
  if (p.dnsConfig !== undefined) {
    const d = p.dnsConfig as Body;
    if (typeof d !== 'object' || d === null)
      bad("'dnsConfig' must be an object.");
    if (
      d.relativeName !== undefined &&
      String(d.relativeName).toLowerCase() !==
        profile.dnsConfig.relativeName.toLowerCase()
    ) {
      bad(
        'The relative DNS name of a Traffic Manager profile cannot be changed.',
      );
    }
    if (d.ttl !== undefined) {
      const ttl = intIn(d.ttl, 'dnsConfig.ttl', 0, 2147483647);
      changes.push(() => {
        profile.dnsConfig.ttl = ttl;
        return `ttl=${ttl}`;
      });
    }
  }
  if (p.monitorConfig !== undefined) {
    const m = p.monitorConfig as Body;
    if (typeof m !== 'object' || m === null)
      bad("'monitorConfig' must be an object.");
    const next = { ...profile.monitorConfig };
    if (m.protocol !== undefined)
      next.protocol = enumOf(m.protocol, 'monitorConfig.protocol', [
        'HTTP',
        'HTTPS',
        'TCP',
      ] as const);
    if (m.port !== undefined)
      next.port = intIn(m.port, 'monitorConfig.port', 1, 65535);
    if (m.path !== undefined) {
      if (typeof m.path !== 'string' || !m.path.startsWith('/'))
        bad("'monitorConfig.path' must start with '/'.");
      next.path = m.path;
    }
    if (m.intervalInSeconds !== undefined) {
      next.intervalInSeconds = enumOf(
        m.intervalInSeconds as never,
        'monitorConfig.intervalInSeconds',
        [10, 30] as never[],
      );
    }
    if (m.timeoutInSeconds !== undefined)
      next.timeoutInSeconds = intIn(
        m.timeoutInSeconds,
        'monitorConfig.timeoutInSeconds',
        5,
        10,
      );
    if (m.toleratedNumberOfFailures !== undefined) {
      next.toleratedNumberOfFailures = intIn(
        m.toleratedNumberOfFailures,
        'monitorConfig.toleratedNumberOfFailures',
        0,
        9,
      );
    }
    if (m.customHeaders !== undefined)
      next.customHeaders = headers(
        m.customHeaders,
        'monitorConfig.customHeaders',
      );
    if (m.expectedStatusCodeRanges !== undefined) {
      const ranges = m.expectedStatusCodeRanges;
      if (
        !Array.isArray(ranges) ||
        ranges.some(r => !(r?.min >= 100 && r?.max <= 999 && r.min <= r.max))
      ) {
        bad(
          "'monitorConfig.expectedStatusCodeRanges' must be a list of {min, max} between 100 and 999.",
        );
      }
      next.expectedStatusCodeRanges = ranges as { min: number; max: number }[];
    }
    // Azure: with a 10 s interval the timeout is 5..9 s; with 30 s it is 5..10 s.
    const maxTimeout = next.intervalInSeconds === 10 ? 9 : 10;
    if (next.timeoutInSeconds > maxTimeout) {
      bad(
        `The timeout value must be between 5 and ${maxTimeout} when the probing interval is ${next.intervalInSeconds} seconds.`,
      );
    }
    if (next.protocol !== 'TCP' && !next.path)
      bad("'monitorConfig.path' is required for HTTP and HTTPS monitoring.");
    changes.push(() => {
      profile.monitorConfig = next;
      return `monitorConfig=${next.protocol}:${next.port}${
        next.path ?? ''
      } every ${next.intervalInSeconds}s timeout ${
        next.timeoutInSeconds
      }s tolerated ${next.toleratedNumberOfFailures}`;
    });
  }
  if (p.endpoints !== undefined) {
    if (!Array.isArray(p.endpoints)) bad("'endpoints' must be a list.");
    // The SDK sends the whole profile back on update; endpoints are matched by name.
    for (const raw of p.endpoints as Body[]) {
      const name = raw?.name;
      const existing = profile.endpoints.find(
        e => e.name.toLowerCase() === String(name).toLowerCase(),
      );
      if (!existing)
        bad(
          `Endpoint '${String(
            name,
          )}' does not exist; create it with the endpoints API.`,
        );
      const apply = validateEndpointPatch(existing!, raw, existing!.kind);
      changes.push(() => apply().join(', '));
    }
  }
  return changes.map(c => c());
}

/** Validates an endpoint PATCH/PUT body; returns the function that applies it. */
export function validateEndpointPatch(
  endpoint: TmEndpoint,
  body: unknown,
  kind: EndpointKind,
): () => string[] {
  const p = props(body);
  const type = (body as Body).type;
  if (
    type !== undefined &&
    String(type).toLowerCase() !==
      `microsoft.network/trafficmanagerprofiles/${kind}`.toLowerCase()
  ) {
    bad(
      `The endpoint type '${String(
        type,
      )}' does not match the request path (${kind}).`,
    );
  }
  const steps: (() => string)[] = [];
  if (p.endpointStatus !== undefined) {
    const v = enumOf(p.endpointStatus, 'endpointStatus', [
      'Enabled',
      'Disabled',
    ] as const);
    steps.push(() => {
      endpoint.endpointStatus = v;
      return `endpointStatus=${v}`;
    });
  }
  if (p.priority !== undefined) {
    const v = intIn(p.priority, 'priority', 1, 1000);
    steps.push(() => {
      endpoint.priority = v;
      return `priority=${v}`;
    });
  }
  if (p.weight !== undefined) {
    const v = intIn(p.weight, 'weight', 1, 1000);
    steps.push(() => {
      endpoint.weight = v;
      return `weight=${v}`;
    });
  }
  if (p.target !== undefined) {
    if (kind !== 'externalEndpoints')
      bad("'target' can only be set on external endpoints.");
    if (typeof p.target !== 'string' || p.target.length === 0)
      bad("'target' must be a non-empty string.");
    const v = p.target as string;
    steps.push(() => {
      endpoint.target = v;
      return `target=${v}`;
    });
  }
  if (p.targetResourceId !== undefined) {
    if (typeof p.targetResourceId !== 'string')
      bad("'targetResourceId' must be a string.");
    const v = p.targetResourceId as string;
    steps.push(() => {
      endpoint.targetResourceId = v;
      return `targetResourceId=${v}`;
    });
  }
  if (p.endpointLocation !== undefined) {
    if (typeof p.endpointLocation !== 'string')
      bad("'endpointLocation' must be a string.");
    const v = p.endpointLocation as string;
    steps.push(() => {
      endpoint.endpointLocation = v;
      return `endpointLocation=${v}`;
    });
  }
  if (p.customHeaders !== undefined) {
    const v = headers(p.customHeaders, 'customHeaders');
    steps.push(() => {
      endpoint.customHeaders = v;
      return 'customHeaders';
    });
  }
  return () => steps.map(s => s());
}

/** A new endpoint from a PUT body; Azure requires the target of an external endpoint. */
export function newEndpoint(
  profile: TmProfile,
  name: string,
  kind: EndpointKind,
  body: unknown,
): TmEndpoint {
  const p = props(body);
  if (
    kind === 'externalEndpoints' &&
    (typeof p.target !== 'string' || p.target.length === 0)
  ) {
    bad("The 'target' property is required for external endpoints.");
  }
  if (kind !== 'externalEndpoints' && typeof p.targetResourceId !== 'string') {
    bad(
      "The 'targetResourceId' property is required for Azure and nested endpoints.",
    );
  }
  const used = profile.endpoints.map(e => e.priority ?? 0);
  const endpoint: TmEndpoint = {
    name,
    kind,
    endpointStatus: 'Enabled',
    endpointMonitorStatus: 'CheckingEndpoint',
    priority: Math.max(0, ...used) + 1,
    weight: 1,
    probe: { consecutiveFailures: 0 },
  };
  validateEndpointPatch(endpoint, body, kind)();
  return endpoint;
}
