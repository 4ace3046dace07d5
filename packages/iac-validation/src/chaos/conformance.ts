import fs from 'fs';
import path from 'path';
import { isRecord } from '../util/files';
import { parseYamlDocuments } from '../util/yaml';
import {
  CHAOS_KINDS,
  CHAOS_SCHEMAS,
  ChaosKind,
  loadSchema,
  SchemaSet,
} from './schemas';

/** CRD file names in chaos-mesh/config/crd/bases for the kinds we validate. */
export const CRD_FILES: Record<ChaosKind, string> = {
  PodChaos: 'chaos-mesh.org_podchaos.yaml',
  NetworkChaos: 'chaos-mesh.org_networkchaos.yaml',
  StressChaos: 'chaos-mesh.org_stresschaos.yaml',
  Schedule: 'chaos-mesh.org_schedules.yaml',
  Workflow: 'chaos-mesh.org_workflows.yaml',
};

type Node = Record<string, unknown>;

/** Resolves our `$ref`s ("common.json#/definitions/x" or "#/definitions/x"). */
function resolve(
  node: Node,
  base: Node,
  schemas: SchemaSet,
): { node: Node; base: Node } {
  let current = node;
  let currentBase = base;
  while (typeof current.$ref === 'string') {
    const [file, pointer] = current.$ref.split('#');
    if (file) {
      currentBase = loadSchema(file.replace(/\.json$/, ''), schemas);
    }
    let target: unknown = currentBase;
    for (const part of (pointer ?? '').split('/').filter(Boolean)) {
      target = isRecord(target) ? target[part] : undefined;
    }
    if (!isRecord(target)) {
      throw new Error(`unresolvable $ref ${current.$ref}`);
    }
    current = target;
  }
  return { node: current, base: currentBase };
}

/** Every location our schema allows, with its JSON type: ["spec.selector.namespaces[]", "string"]. */
export function allowedPaths(
  schema: Node,
  schemas: SchemaSet = CHAOS_SCHEMAS,
): Array<{ path: string; type: string }> {
  const out: Array<{ path: string; type: string }> = [];
  const walk = (raw: Node, base: Node, at: string) => {
    const { node, base: b } = resolve(raw, base, schemas);
    if (typeof node.type === 'string') {
      out.push({ path: at, type: node.type });
    }
    if (isRecord(node.properties)) {
      for (const [key, child] of Object.entries(node.properties)) {
        if (isRecord(child)) walk(child, b, at ? `${at}.${key}` : key);
      }
    }
    if (isRecord(node.items)) walk(node.items, b, `${at}[]`);
    if (isRecord(node.additionalProperties))
      walk(node.additionalProperties, b, `${at}{}`);
  };
  walk(schema, schema, '');
  return out;
}

/** The node of a CRD's openAPIV3Schema at one of our paths, or a reason it is absent. */
export function crdNodeAt(
  crdSchema: Node,
  at: string,
): { node?: Node; opaque?: boolean } {
  let node: Node = crdSchema;
  for (const part of at.match(/[^.[\]{}]+|\[\]|\{\}/g) ?? []) {
    // metadata is ObjectMeta, which CRDs leave unspecified; the API server validates it.
    if (
      node.type === 'object' &&
      !node.properties &&
      !node.additionalProperties
    ) {
      return { opaque: true };
    }
    let next: unknown;
    if (part === '[]') next = node.items;
    else if (part === '{}') next = node.additionalProperties;
    else next = isRecord(node.properties) ? node.properties[part] : undefined;
    if (!isRecord(next)) return {};
    node = next;
  }
  return { node };
}

function crdType(node: Node): string | undefined {
  if (node['x-kubernetes-int-or-string'] === true) return 'int-or-string';
  return typeof node.type === 'string' ? node.type : undefined;
}

/** Reads a CRD file's served schema (first version). */
export function loadCrdSchema(file: string): Node {
  const doc = parseYamlDocuments(fs.readFileSync(file, 'utf8')).documents[0];
  const versions =
    isRecord(doc) && isRecord(doc.spec) && Array.isArray(doc.spec.versions)
      ? doc.spec.versions
      : [];
  const schema =
    isRecord(versions[0]) && isRecord(versions[0].schema)
      ? versions[0].schema.openAPIV3Schema
      : undefined;
  if (!isRecord(schema)) throw new Error(`${file} has no openAPIV3Schema`);
  return schema;
}

/** Differences between our schema for `kind` and the real CRD; empty when conformant. */
export function conformanceErrors(
  kind: ChaosKind,
  crdDir: string,
  schemas: SchemaSet = CHAOS_SCHEMAS,
): string[] {
  const crd = loadCrdSchema(path.join(crdDir, CRD_FILES[kind]));
  const errors: string[] = [];
  for (const { path: at, type } of allowedPaths(
    loadSchema(CHAOS_KINDS[kind], schemas),
    schemas,
  )) {
    if (at === '') continue;
    const { node, opaque } = crdNodeAt(crd, at);
    if (opaque) continue;
    if (!node) {
      errors.push(
        `${kind}: ${at} is allowed by our schema but does not exist in the CRD`,
      );
      continue;
    }
    const theirs = crdType(node);
    if (
      theirs !== type &&
      !(theirs === 'int-or-string' && (type === 'string' || type === 'integer'))
    ) {
      errors.push(
        `${kind}: ${at} is ${type} in our schema but ${
          theirs ?? 'untyped'
        } in the CRD`,
      );
    }
  }
  return errors;
}
