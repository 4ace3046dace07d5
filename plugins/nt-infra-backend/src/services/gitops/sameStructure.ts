/** Canonical JSON (sorted keys) of a parsed document. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as object)
        .sort()
        .map(k => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/**
 * Structural equality of parsed documents. Compared as canonical JSON rather
 * than with isDeepStrictEqual, because parsers may build their objects in
 * another realm (hcl2json's WebAssembly bridge), whose prototypes differ.
 */
export function sameStructure(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}
