import { parseAllDocuments } from 'yaml';

/**
 * Limits for YAML read from the repository or from GitOps edits: alias expansion is what makes
 * a "billion laughs" document blow up, so aliases are capped hard and documents are size-capped.
 */
export const YAML_LIMITS = {
  maxAliasCount: 50,
  maxBytes: 1024 * 1024,
};

export interface YamlParseResult {
  documents: unknown[];
  errors: string[];
}

/** Parses a (multi-document) YAML text; empty documents are dropped. Never throws. */
export function parseYamlDocuments(text: string): YamlParseResult {
  if (Buffer.byteLength(text, 'utf8') > YAML_LIMITS.maxBytes) {
    return {
      documents: [],
      errors: [`document larger than ${YAML_LIMITS.maxBytes} bytes`],
    };
  }
  const errors: string[] = [];
  const documents: unknown[] = [];
  for (const doc of parseAllDocuments(text, { uniqueKeys: true })) {
    if (doc.errors.length > 0) {
      errors.push(...doc.errors.map(e => e.message));
      continue;
    }
    try {
      const value = doc.toJS({ maxAliasCount: YAML_LIMITS.maxAliasCount });
      if (value !== null && value !== undefined) {
        documents.push(value);
      }
    } catch (e) {
      errors.push((e as Error).message);
    }
  }
  return { documents, errors };
}
