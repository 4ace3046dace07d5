import fc from 'fast-check';

/**
 * Values an attacker or a broken client sends: shell and path syntax,
 * git option injection, control characters, SQL, markup and lookalikes.
 * None is a valid name, id, region or key anywhere in the API.
 */
export const HOSTILE_STRINGS = [
  '$(touch /tmp/nt-infra-pwned)',
  '`touch /tmp/nt-infra-pwned`',
  '; rm -rf / #',
  '| cat /etc/passwd',
  '--upload-pack=touch /tmp/nt-infra-pwned',
  '-c core.sshCommand=touch',
  '../../../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd',
  'a\u0000b',
  'line\nbreak',
  "' OR 1=1 --",
  '"; DROP TABLE nt_infra_runs; --',
  '<script>alert(1)</script>',
  '{{constructor.constructor("return process")()}}',
  '${jndi:ldap://x}',
  '\u202eevil',
  'ＡＢＣ',
  '🔥',
  'EASTUS',
  ' eastus',
  '__proto__',
  'constructor',
  'prototype',
];

/** Keys that would pollute prototypes if an object were merged naively. */
export const POLLUTING_KEYS = ['__proto__', 'constructor', 'prototype'];

export const hostileString = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc
    .tuple(fc.constantFrom(...HOSTILE_STRINGS), fc.string({ maxLength: 20 }))
    .map(([a, b]) => `${a}${b}`),
);

/** JSON values that are not strings. */
export const notString = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
);

/** JSON values that are not numbers. */
export const notNumber = fc.oneof(
  fc.string({ maxLength: 10 }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.constant({}),
  fc.constantFrom('1', '1e3', 'NaN', 'Infinity'),
);

/** Longer than any bounded text field of the API (the longest allows 2000). */
export const oversizedString = fc
  .integer({ min: 2_001, max: 20_000 })
  .chain(n =>
    fc.constantFrom('x', 'é', '\u0000', '$(x)').map(s => s.repeat(n)),
  );

/** A free-text field: trimmed, non-empty, bounded. */
export const badText = fc.oneof(
  notString,
  oversizedString,
  fc.constantFrom('', '   ', '\n\t'),
);

/** A field matched against a pattern (names, regions, ids). */
export const badName = fc.oneof(notString, oversizedString, hostileString);

export const badNumber = fc.oneof(
  notNumber,
  fc.constantFrom(-1, 1e308, -1e308, 0.5, 1e9, Number.MAX_SAFE_INTEGER + 2),
);

/** Anything but an array of the right shape. */
export const badArray = fc.oneof(
  fc.constant([]),
  notString.filter(v => !Array.isArray(v)),
  fc.array(hostileString, { minLength: 1, maxLength: 3 }),
  fc.array(fc.constant('eastus'), { minLength: 11, maxLength: 12 }),
);
