import fs from 'fs';
import path from 'path';
import { isRecord, relativeTo } from '../util/files';
import { Problem } from '../types';
import { collectStrings, firstBlock, HclBody, parseHcl } from './hcl';

export interface VariableDecl {
  file: string;
  required: boolean;
  hasType: boolean;
  hasDescription: boolean;
  sensitive: boolean;
}

export interface ModuleCall {
  file: string;
  source: string;
  inputs: string[];
}

/** What the validators need to know about one Terraform module directory. */
export interface TerraformModule {
  dir: string;
  relDir: string;
  variables: Map<string, VariableDecl>;
  locals: Set<string>;
  outputs: Map<string, { file: string; hasDescription: boolean }>;
  moduleCalls: Map<string, ModuleCall>;
  requiredProviders: Map<string, { source?: string; version?: string }>;
  requiredVersion?: string;
  backend?: { type: string; attributes: string[] };
  /** Provider local names used by resources and data sources (prefix of the type). */
  usedProviders: Set<string>;
  expressions: Array<{ file: string; where: string; text: string }>;
}

/** Meta-arguments of a module block; everything else is an input variable of the child. */
export const MODULE_META_ARGUMENTS = new Set([
  'source',
  'version',
  'providers',
  'count',
  'for_each',
  'depends_on',
]);

function blocksByName(
  body: HclBody,
  key: string,
): Array<[string, Record<string, unknown>]> {
  const section = body[key];
  if (!isRecord(section)) {
    return [];
  }
  return Object.entries(section).flatMap(([name, blocks]) => {
    const block = firstBlock(blocks);
    return block ? [[name, block] as [string, Record<string, unknown>]] : [];
  });
}

function addBody(mod: TerraformModule, file: string, body: HclBody) {
  for (const [name, v] of blocksByName(body, 'variable')) {
    mod.variables.set(name, {
      file,
      required: !('default' in v),
      hasType: typeof v.type === 'string',
      hasDescription:
        typeof v.description === 'string' && v.description.trim() !== '',
      sensitive: v.sensitive === true,
    });
  }
  for (const block of Array.isArray(body.locals) ? body.locals : []) {
    if (isRecord(block)) {
      Object.keys(block).forEach(k => mod.locals.add(k));
    }
  }
  for (const [name, o] of blocksByName(body, 'output')) {
    mod.outputs.set(name, {
      file,
      hasDescription:
        typeof o.description === 'string' && o.description.trim() !== '',
    });
  }
  for (const [name, m] of blocksByName(body, 'module')) {
    mod.moduleCalls.set(name, {
      file,
      source: typeof m.source === 'string' ? m.source : '',
      inputs: Object.keys(m).filter(k => !MODULE_META_ARGUMENTS.has(k)),
    });
  }
  for (const kind of ['resource', 'data']) {
    const section = body[kind];
    if (isRecord(section)) {
      Object.keys(section).forEach(type =>
        mod.usedProviders.add(type.split('_')[0]),
      );
    }
  }
  const terraform = firstBlock(body.terraform);
  if (terraform) {
    if (typeof terraform.required_version === 'string') {
      mod.requiredVersion = terraform.required_version;
    }
    const providers = firstBlock(terraform.required_providers) ?? {};
    for (const [name, spec] of Object.entries(providers)) {
      mod.requiredProviders.set(
        name,
        isRecord(spec)
          ? {
              source: typeof spec.source === 'string' ? spec.source : undefined,
              version:
                typeof spec.version === 'string' ? spec.version : undefined,
            }
          : {},
      );
    }
    const backend = isRecord(terraform.backend) ? terraform.backend : undefined;
    if (backend) {
      const [type, blocks] = Object.entries(backend)[0] ?? [];
      if (type) {
        mod.backend = {
          type,
          attributes: Object.keys(firstBlock(blocks) ?? {}),
        };
      }
    }
  }
  for (const s of collectStrings(body, '')) {
    mod.expressions.push({ file, ...s });
  }
}

/** Parses every .tf file of a directory into a module model; parse errors become problems. */
export async function loadModule(
  repoRoot: string,
  dir: string,
  problems: Problem[],
): Promise<TerraformModule> {
  const mod: TerraformModule = {
    dir,
    relDir: relativeTo(repoRoot, dir),
    variables: new Map(),
    locals: new Set(),
    outputs: new Map(),
    moduleCalls: new Map(),
    requiredProviders: new Map(),
    usedProviders: new Set(),
    expressions: [],
  };
  const files = fs
    .readdirSync(dir)
    .filter(f => f.endsWith('.tf'))
    .sort();
  for (const name of files) {
    const file = path.join(dir, name);
    const rel = relativeTo(repoRoot, file);
    try {
      addBody(mod, rel, await parseHcl(rel, fs.readFileSync(file, 'utf8')));
    } catch (e) {
      problems.push({
        file: rel,
        message: `HCL parse error: ${(e as Error).message}`,
      });
    }
  }
  return mod;
}
