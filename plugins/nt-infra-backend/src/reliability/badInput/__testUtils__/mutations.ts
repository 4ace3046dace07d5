import fc from 'fast-check';
import { POLLUTING_KEYS } from './hostileValues';
import { RouteSpec } from './routeCatalog';

/** What a rejected request must look like. */
export type Expectation =
  /** A 400 whose message names this field (body field, query parameter, path parameter or header). */
  | { kind: 'field'; field: string; alsoNotFound?: boolean }
  /** Any 4xx (bodies that are not JSON objects, oversized bodies, bad credentials). */
  | { kind: '4xx' }
  /** The input is harmless noise the route ignores: anything but a 5xx. */
  | { kind: 'no5xx' };

export interface FuzzCase {
  mutation: string;
  pathValues: Record<string, string>;
  query: Array<[string, string]>;
  /** Raw request body, sent as application/json unless `contentType` says otherwise. */
  body?: string;
  contentType?: string;
  headers: Record<string, string>;
  expect: Expectation;
}

const IDEMPOTENCY_KEY = 'Idempotency-Key';

function validBody(spec: RouteSpec): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(spec.body ?? {})) {
    if (field.valid !== undefined) body[name] = field.valid;
  }
  return body;
}

/** JSON text of `body` with `key` added as an own property, even `__proto__`. */
function withRawKey(
  body: Record<string, unknown>,
  key: string,
  value: unknown,
) {
  const rest = JSON.stringify(body).slice(1);
  return `{${JSON.stringify(key)}:${JSON.stringify(value)}${
    rest === '}' ? '' : ','
  }${rest}`;
}

/** Header-safe strings (no CR/LF, latin1) that are not valid idempotency keys. */
const badIdempotencyKey = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    'a b',
    '$(touch /tmp/x)',
    '../x',
    'key;rm',
    '%00',
    'k'.repeat(129),
    '--upload-pack=x',
  ),
  fc
    .string({ minLength: 1, maxLength: 30 })
    .filter(s => /[^A-Za-z0-9_.:-]/.test(s) && /^[\x20-\x7e]+$/.test(s)),
);

/**
 * One malformed, oversized or hostile request to a route, and what the API
 * must answer. Exactly one thing is wrong in each case, so the answer can be
 * held to naming it.
 */
export function fuzzCase(spec: RouteSpec): fc.Arbitrary<FuzzCase> {
  const base = {
    pathValues: { ...(spec.params ?? {}) },
    query: [] as Array<[string, string]>,
    headers: {} as Record<string, string>,
  };
  const body = spec.body ? validBody(spec) : undefined;
  const bodyText = body ? JSON.stringify(body) : undefined;
  const withBody = { ...base, body: bodyText };
  // Noise goes with an empty body: a valid one would really start or halt something.
  const noise = { ...base, body: spec.body ? '{}' : undefined };
  const options: Array<fc.Arbitrary<FuzzCase>> = [];

  // Noise every route must survive: unexpected headers and credentials.
  options.push(
    fc
      .record({
        name: fc.constantFrom(
          'X-Forwarded-For',
          'X-Http-Method-Override',
          'Accept',
          'X-Original-Url',
          'Cookie',
        ),
        value: fc
          .string({ maxLength: 200 })
          .filter(s => /^[\x20-\x7e]*$/.test(s)),
      })
      .map(({ name, value }) => ({
        ...noise,
        mutation: `header ${name}`,
        headers: { [name]: value },
        expect: { kind: 'no5xx' as const },
      })),
    fc
      .constantFrom(
        'Bearer',
        'Bearer x.y.z',
        'Basic YWRtaW46YWRtaW4=',
        `Bearer ${'a'.repeat(4000)}`,
      )
      .map(authorization => ({
        ...noise,
        mutation: 'forged authorization',
        headers: { Authorization: authorization },
        expect: { kind: 'no5xx' as const },
      })),
  );

  for (const [name, valid] of Object.entries(spec.params ?? {})) {
    options.push(
      fc
        .oneof(
          fc.constantFrom(
            'x',
            '1',
            'null',
            'undefined',
            '%',
            valid.toUpperCase(),
            `${valid}x`,
            'a'.repeat(2000),
          ),
          fc.string({ minLength: 1, maxLength: 40 }),
        )
        .filter(v => v !== valid && v !== '.' && v !== '..')
        .map(v => ({
          ...withBody,
          mutation: `path parameter ${name}`,
          pathValues: { ...base.pathValues, [name]: v },
          // An encoded slash can make the path match no route at all.
          expect: { kind: 'field' as const, field: name, alsoNotFound: true },
        })),
    );
  }

  if (spec.query) {
    // Every query mutation carries the route's other required parameters,
    // valid, so that the one thing wrong is the mutation.
    const required = Object.entries(spec.query).filter(([, f]) => f.required);
    const withRequired = (
      query: Array<[string, string]>,
    ): Array<[string, string]> => [
      ...required
        .filter(([name]) => !query.some(([key]) => key === name))
        .map(([name, f]) => [name, String(f.valid)] as [string, string]),
      ...query,
    ];
    for (const [name, field] of Object.entries(spec.query)) {
      options.push(
        field.bad
          .filter((v): v is string => typeof v === 'string')
          .map(v => ({
            ...withBody,
            mutation: `query ${name}`,
            query: withRequired([[name, v]]),
            expect: { kind: 'field' as const, field: name },
          })),
      );
    }
    options.push(
      fc
        .oneof(
          fc.constantFrom('Environment', 'q', 'LIMIT'),
          // Brackets and dots are qs's nesting syntax, covered below.
          fc
            .string({ minLength: 1, maxLength: 20 })
            .filter(
              k =>
                !(k in spec.query!) &&
                !/[[\].]/.test(k) &&
                !POLLUTING_KEYS.includes(k),
            ),
        )
        .map(key => ({
          ...withBody,
          mutation: 'unknown query parameter',
          query: withRequired([[key, '1']]),
          expect: { kind: 'field' as const, field: key },
        })),
    );
    // Prototype pollution through qs's nesting: dropped or refused, never merged.
    options.push(
      fc
        .constantFrom(
          '__proto__[polluted]',
          'constructor[prototype][polluted]',
          '__proto__.polluted',
          'a[__proto__][polluted]',
        )
        .map(key => ({
          ...withBody,
          mutation: 'polluting query parameter',
          query: withRequired([[key, 'yes']]),
          expect: { kind: 'no5xx' as const },
        })),
    );
    const names = Object.keys(spec.query);
    if (names.length > 0) {
      options.push(
        fc.constantFrom(...names).map(name => ({
          ...withBody,
          mutation: 'repeated query parameter',
          query: withRequired([
            [name, 'a'],
            [name, 'b'],
          ]),
          expect: { kind: 'field' as const, field: name },
        })),
      );
    }
  } else {
    options.push(
      fc.string({ minLength: 1, maxLength: 20 }).map(key => ({
        ...noise,
        mutation: 'ignored query parameter',
        query: [[key, '$(touch x)'] as [string, string]],
        expect: { kind: 'no5xx' as const },
      })),
    );
  }

  if (spec.body && body) {
    for (const [name, field] of Object.entries(spec.body)) {
      options.push(
        field.bad.map(v => ({
          ...base,
          mutation: `body field ${name}`,
          body: JSON.stringify({ ...body, [name]: v }),
          expect: { kind: 'field' as const, field: name },
        })),
      );
      if (field.required) {
        const { [name]: _omitted, ...rest } = body;
        options.push(
          fc.constant({
            ...base,
            mutation: `missing body field ${name}`,
            body: JSON.stringify(rest),
            expect: { kind: 'field' as const, field: name },
          }),
        );
      }
    }
    options.push(
      fc
        .oneof(
          fc.constantFrom(...POLLUTING_KEYS),
          fc
            .string({ minLength: 1, maxLength: 20 })
            .filter(k => !(k in spec.body!)),
        )
        .chain(key =>
          fc.jsonValue({ maxDepth: 2 }).map(v => ({
            ...base,
            mutation: 'unknown body field',
            body: withRawKey(body, key, v),
            expect: { kind: 'field' as const, field: key },
          })),
        ),
      fc
        .constantFrom(
          '[]',
          '[{}]',
          '{"a":',
          '{a:1}',
          "{'a':1}",
          'null',
          '"x"',
          '42',
          'true',
          '\u0000',
          '{}}',
        )
        .map(text => ({
          ...base,
          mutation: 'not a JSON object',
          body: text,
          expect: { kind: '4xx' as const },
        })),
      fc.integer({ min: 270_000, max: 400_000 }).map(n => ({
        ...base,
        mutation: 'oversized body',
        body: JSON.stringify({ ...body, pad: 'x'.repeat(n) }),
        expect: { kind: '4xx' as const },
      })),
      fc
        .constantFrom(
          'text/plain',
          'application/x-www-form-urlencoded',
          'application/xml',
        )
        .map(contentType => ({
          ...withBody,
          mutation: `content type ${contentType}`,
          contentType,
          expect: { kind: '4xx' as const },
        })),
    );
  }

  if (spec.idempotent) {
    options.push(
      badIdempotencyKey.map(key => ({
        ...withBody,
        mutation: 'idempotency key',
        headers: { [IDEMPOTENCY_KEY]: key },
        expect: { kind: 'field' as const, field: IDEMPOTENCY_KEY },
      })),
    );
  }
  return fc.oneof(...options);
}
