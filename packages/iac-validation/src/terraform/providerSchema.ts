import fs from 'fs';
import path from 'path';

/**
 * The azurerm provider schema as shipped in `@cdktf/provider-azurerm`: cdktf generates one
 * TypeScript module per resource and data source from `terraform providers schema -json` of the
 * real provider. Each block of the schema becomes an interface whose properties are its
 * arguments (required ones without `?`) and nested blocks (typed with another interface of the
 * same file); every property's doc link carries the Terraform name. Reading these declarations
 * as text needs neither cdktf nor the provider binary, which cannot be downloaded here.
 */

export const SCHEMA_PACKAGE = '@cdktf/provider-azurerm';

export interface BlockSchema {
  attributes: Map<string, { required: boolean }>;
  blocks: Map<string, { required: boolean; schema: BlockSchema }>;
}

export type SchemaKind = 'resource' | 'data' | 'provider';

export interface ProviderSchemaSource {
  /** Provider version the package was generated from (e.g. 4.55.0). */
  providerVersion: string;
  /** Schema of a resource or data source type, or undefined when the provider has none. */
  block(kind: SchemaKind, type: string): BlockSchema | undefined;
}

interface RawProperty {
  tfName: string;
  required: boolean;
  type: string;
}

const INTERFACE = /^export interface (\w+)(?: extends [\w.]+)? \{$/;
const DOC_LINK = /\{@link \S+#(\w+) \w+#\w+\}/;
// A map-typed argument's type spans lines (`readonly tags?: {`), hence the optional `;`.
const PROPERTY = /^\s*readonly (\w+)(\?)?: (.+?);?$/;

function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, c => `_${c.toLowerCase()}`);
}

/** Interfaces of one generated declaration file, with their properties in Terraform names. */
export function parseDeclarations(text: string): Map<string, RawProperty[]> {
  const interfaces = new Map<string, RawProperty[]>();
  let current: RawProperty[] | undefined;
  let tfName: string | undefined;
  for (const line of text.split('\n')) {
    const start = INTERFACE.exec(line);
    if (start) {
      current = [];
      interfaces.set(start[1], current);
      tfName = undefined;
      continue;
    }
    if (!current) {
      continue;
    }
    if (line === '}') {
      current = undefined;
      continue;
    }
    const link = DOC_LINK.exec(line);
    if (link) {
      tfName = link[1];
      continue;
    }
    const prop = PROPERTY.exec(line);
    if (prop) {
      current.push({
        tfName: tfName ?? snakeCase(prop[1]),
        required: prop[2] !== '?',
        type: prop[3],
      });
      tfName = undefined;
    }
  }
  return interfaces;
}

/** Builds the block schema rooted at interface `root` of a parsed declaration file. */
export function blockSchema(
  interfaces: Map<string, RawProperty[]>,
  root: string,
  seen: Set<string> = new Set(),
): BlockSchema {
  const schema: BlockSchema = { attributes: new Map(), blocks: new Map() };
  for (const prop of interfaces.get(root) ?? []) {
    const nested = (prop.type.match(/\b[A-Z]\w*\b/g) ?? []).find(
      name => interfaces.has(name) && !seen.has(name),
    );
    if (nested) {
      schema.blocks.set(prop.tfName, {
        required: prop.required,
        schema: blockSchema(interfaces, nested, new Set([...seen, nested])),
      });
    } else {
      schema.attributes.set(prop.tfName, { required: prop.required });
    }
  }
  return schema;
}

/** `azurerm_kubernetes_cluster` -> `kubernetes-cluster`; data sources keep the provider name. */
function moduleDir(kind: SchemaKind, type: string): string | undefined {
  if (kind === 'provider') {
    return type === 'azurerm' ? 'provider' : undefined;
  }
  if (!/^azurerm_[a-z0-9_]+$/.test(type)) {
    return undefined;
  }
  const dashed = type.replace(/_/g, '-');
  return kind === 'data' ? `data-${dashed}` : dashed.replace(/^azurerm-/, '');
}

function rootInterface(
  kind: SchemaKind,
  type: string,
  text: string,
): string | undefined {
  if (kind === 'provider') {
    return 'AzurermProviderConfig';
  }
  const declared = /static readonly tfResourceType = "([a-z0-9_]+)";/.exec(
    text,
  )?.[1];
  const base = kind === 'data' ? 'TerraformDataSource' : 'TerraformResource';
  const cls = new RegExp(
    `export declare class (\\w+) extends cdktf\\.${base} \\{`,
  ).exec(text)?.[1];
  return declared === type && cls ? `${cls}Config` : undefined;
}

/** Reads the schema from an installed copy of the package (its directory). */
export function providerSchemaFrom(packageDir: string): ProviderSchemaSource {
  const manifest = JSON.parse(
    fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'),
  );
  const providerVersion = String(manifest?.cdktf?.provider?.version ?? '');
  const cache = new Map<string, BlockSchema | undefined>();
  return {
    providerVersion,
    block(kind, type) {
      const key = `${kind}:${type}`;
      if (cache.has(key)) {
        return cache.get(key);
      }
      let schema: BlockSchema | undefined;
      const dir = moduleDir(kind, type);
      const file = dir && path.join(packageDir, 'lib', dir, 'index.d.ts');
      if (file && fs.existsSync(file)) {
        const text = fs.readFileSync(file, 'utf8');
        const root = rootInterface(kind, type, text);
        if (root) {
          schema = blockSchema(parseDeclarations(text), root);
        }
      }
      cache.set(key, schema);
      return schema;
    },
  };
}

/**
 * The installed package's schema, or a reason it is unavailable. It is a development
 * dependency: only CI and the test suites validate against it.
 */
export function loadProviderSchema():
  | { schema: ProviderSchemaSource }
  | { missing: string } {
  let manifest: string;
  try {
    manifest = require.resolve(`${SCHEMA_PACKAGE}/package.json`);
  } catch {
    return {
      missing: `${SCHEMA_PACKAGE} is not installed (run yarn install)`,
    };
  }
  return { schema: providerSchemaFrom(path.dirname(manifest)) };
}
