import fs from 'fs';
import path from 'path';
import { isRecord, listFiles, relativeTo } from '../util/files';
import { Problem } from '../types';
import { parseHcl } from './hcl';
import {
  BlockSchema,
  loadProviderSchema,
  ProviderSchemaSource,
  SCHEMA_PACKAGE,
  SchemaKind,
} from './providerSchema';

/** Terraform's own arguments and blocks, valid in every resource / data source. */
const META: Record<SchemaKind, Set<string>> = {
  resource: new Set([
    'count',
    'for_each',
    'depends_on',
    'provider',
    'lifecycle',
    'provisioner',
    'connection',
  ]),
  data: new Set(['count', 'for_each', 'depends_on', 'provider', 'lifecycle']),
  provider: new Set(['alias']),
};

const DYNAMIC_KEYS = new Set(['for_each', 'iterator', 'labels', 'content']);

function blockBodies(value: unknown): Array<Record<string, unknown>> {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

/**
 * Checks one block body (hcl2json form) against its schema: every key is an argument or a
 * nested block of the schema, nested blocks are written as blocks, required arguments and
 * blocks are present (directly or through a `dynamic` block).
 */
export function checkBlock(
  body: Record<string, unknown>,
  schema: BlockSchema,
  where: string,
  meta: Set<string> = new Set(),
): string[] {
  const errors: string[] = [];
  const present = new Set<string>();
  for (const [key, value] of Object.entries(body)) {
    if (meta.has(key)) {
      continue;
    }
    if (key === 'dynamic' && isRecord(value)) {
      for (const [name, dynamics] of Object.entries(value)) {
        const nested = schema.blocks.get(name);
        if (!nested) {
          errors.push(`${where}: dynamic "${name}" is not a block of it`);
          continue;
        }
        present.add(name);
        for (const dyn of blockBodies(dynamics)) {
          for (const k of Object.keys(dyn).filter(
            argument => !DYNAMIC_KEYS.has(argument),
          )) {
            errors.push(
              `${where}.${name}: "${k}" is not an argument of dynamic`,
            );
          }
          for (const content of blockBodies(dyn.content)) {
            errors.push(
              ...checkBlock(content, nested.schema, `${where}.${name}`),
            );
          }
        }
      }
      continue;
    }
    if (schema.attributes.has(key)) {
      present.add(key);
      continue;
    }
    const nested = schema.blocks.get(key);
    if (!nested) {
      errors.push(`${where}: unknown argument or block "${key}"`);
      continue;
    }
    present.add(key);
    const bodies = blockBodies(value);
    if (!Array.isArray(value) || bodies.length !== value.length) {
      errors.push(
        `${where}: "${key}" is a block; write ${key} { ... }, not ${key} = ...`,
      );
      continue;
    }
    for (const nestedBody of bodies) {
      errors.push(...checkBlock(nestedBody, nested.schema, `${where}.${key}`));
    }
  }
  for (const [name, attr] of schema.attributes) {
    if (attr.required && !present.has(name)) {
      errors.push(`${where}: required argument "${name}" is missing`);
    }
  }
  for (const [name, block] of schema.blocks) {
    if (block.required && !present.has(name)) {
      errors.push(`${where}: required block "${name}" is missing`);
    }
  }
  return errors;
}

/** The provider's major version must be the one the pins in versions.tf allow. */
function checkPinnedMajor(
  repoRoot: string,
  files: string[],
  schema: ProviderSchemaSource,
): Problem[] {
  const major = schema.providerVersion.split('.')[0];
  const problems: Problem[] = [];
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const pin =
      /source\s*=\s*"hashicorp\/azurerm"\s*\n\s*version\s*=\s*"~>\s*(\d+)\./.exec(
        text,
      );
    if (pin && pin[1] !== major) {
      problems.push({
        file: relativeTo(repoRoot, file),
        message: `azurerm is pinned to ${pin[1]}.x but the reference schema (${SCHEMA_PACKAGE}) is azurerm ${schema.providerVersion}; update the package with the pin`,
      });
    }
  }
  return problems;
}

/**
 * Every azurerm resource, data source and provider block under `<repoRoot>/terraform` checked
 * against the real provider schema: the type exists, every argument and nested block exists,
 * and required arguments and blocks are set. `schema` defaults to the installed package.
 */
export async function validateProviderSchema(
  repoRoot: string,
  schema?: ProviderSchemaSource,
): Promise<Problem[]> {
  let source = schema;
  if (!source) {
    const loaded = loadProviderSchema();
    if ('missing' in loaded) {
      return [{ file: 'terraform', message: `not checked: ${loaded.missing}` }];
    }
    source = loaded.schema;
  }
  const files = listFiles(path.join(repoRoot, 'terraform'), n =>
    n.endsWith('.tf'),
  );
  const problems = checkPinnedMajor(repoRoot, files, source);
  const version = `azurerm ${source.providerVersion}`;
  for (const file of files) {
    const rel = relativeTo(repoRoot, file);
    let body;
    try {
      body = await parseHcl(rel, fs.readFileSync(file, 'utf8'));
    } catch (e) {
      problems.push({
        file: rel,
        message: `HCL parse error: ${(e as Error).message}`,
      });
      continue;
    }
    const report = (message: string) =>
      problems.push({ file: rel, message: `${message} (${version})` });
    for (const kind of ['resource', 'data'] as const) {
      const section = body[kind];
      if (!isRecord(section)) {
        continue;
      }
      for (const [type, byName] of Object.entries(section)) {
        if (!type.startsWith('azurerm_') || !isRecord(byName)) {
          continue;
        }
        const label = kind === 'data' ? `data "${type}"` : `resource "${type}"`;
        const typeSchema = source.block(kind, type);
        for (const [name, blocks] of Object.entries(byName)) {
          if (!typeSchema) {
            report(
              `${label} "${name}": the provider has no such ${
                kind === 'data' ? 'data source' : 'resource type'
              }`,
            );
            continue;
          }
          for (const block of blockBodies(blocks)) {
            checkBlock(
              block,
              typeSchema,
              `${label} "${name}"`,
              META[kind],
            ).forEach(report);
          }
        }
      }
    }
    const providers = isRecord(body.provider) ? body.provider : {};
    const azurerm = source.block('provider', 'azurerm');
    for (const block of blockBodies(providers.azurerm)) {
      if (azurerm) {
        checkBlock(block, azurerm, 'provider "azurerm"', META.provider).forEach(
          report,
        );
      }
    }
  }
  return problems;
}
