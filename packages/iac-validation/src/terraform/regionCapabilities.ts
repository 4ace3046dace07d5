import fs from 'fs';
import path from 'path';
import { isRecord, listFiles, relativeTo } from '../util/files';
import { Problem } from '../types';
import { findReferences, firstBlock, HclBody, parseHcl } from './hcl';

/** The module every zonal setting must come from. */
export const CAPABILITIES_MODULE = 'terraform/modules/region-capabilities';
const ROOT_MODULE = 'terraform/azure/multi-region';

/**
 * Microsoft's list of regions and whether they have availability zones ("Azure regions list",
 * learn.microsoft.com/azure/reliability/regions-list), for the regions this platform may use.
 * The Terraform capability table must agree with it; a region missing here must be added from
 * that page before the table may use it.
 */
export const AZURE_REGION_ZONES: Record<string, boolean> = {
  eastus: true,
  eastus2: true,
  centralus: true,
  southcentralus: true,
  westus2: true,
  westus3: true,
  canadacentral: true,
  westus: false,
  northcentralus: false,
  westcentralus: false,
  canadaeast: false,
};

/** Arguments that request availability zones (or zone redundancy) on azurerm resources. */
const ZONAL_ARGUMENTS = new Set([
  'zones',
  'zone',
  'zone_redundant',
  'zone_redundancy_enabled',
  'standby_availability_zone',
]);

interface ParsedModule {
  relDir: string;
  bodies: Array<{ file: string; body: HclBody }>;
  locals: Map<string, unknown>;
  /** module call name -> resolved child dir (repo-relative) and input expressions */
  calls: Map<string, { child: string; inputs: Record<string, unknown> }>;
}

const isExpression = (v: unknown): v is string =>
  typeof v === 'string' && v.includes('${');

/** A literal that requests nothing zonal: false, null, "", SameZone HA or an empty list. */
const isNonZonalLiteral = (v: unknown) =>
  v === false ||
  v === null ||
  v === '' ||
  v === 'SameZone' ||
  (Array.isArray(v) && v.length === 0);

async function parseModules(
  repoRoot: string,
  problems: Problem[],
): Promise<Map<string, ParsedModule>> {
  const modules = new Map<string, ParsedModule>();
  const files = listFiles(path.join(repoRoot, 'terraform'), n =>
    n.endsWith('.tf'),
  );
  for (const file of files) {
    const rel = relativeTo(repoRoot, file);
    const relDir = path.posix.dirname(rel);
    let body: HclBody;
    try {
      body = await parseHcl(rel, fs.readFileSync(file, 'utf8'));
    } catch {
      continue; // validateTerraform reports parse errors
    }
    const mod: ParsedModule = modules.get(relDir) ?? {
      relDir,
      bodies: [],
      locals: new Map(),
      calls: new Map(),
    };
    modules.set(relDir, mod);
    mod.bodies.push({ file: rel, body });
    for (const block of Array.isArray(body.locals) ? body.locals : []) {
      if (isRecord(block)) {
        Object.entries(block).forEach(([k, v]) => mod.locals.set(k, v));
      }
    }
    const calls = isRecord(body.module) ? body.module : {};
    for (const [name, blocks] of Object.entries(calls)) {
      const call = firstBlock(blocks);
      if (call && typeof call.source === 'string') {
        mod.calls.set(name, {
          child: path.posix.normalize(path.posix.join(relDir, call.source)),
          inputs: call,
        });
      }
    }
  }
  if (!modules.has(CAPABILITIES_MODULE)) {
    problems.push({
      file: CAPABILITIES_MODULE,
      message: 'the region capability table module is missing',
    });
  }
  return modules;
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (isRecord(value)) return Object.values(value).flatMap(strings);
  return [];
}

/**
 * True when an expression's value comes from the capability module: directly
 * (`module.capabilities...`), through a local that does, or through a variable that every
 * caller of the module sets from it. Other references (an index such as `local.primary_region`)
 * neither make nor break it.
 */
async function derivesFromCapabilities(
  mod: ParsedModule,
  value: unknown,
  modules: Map<string, ParsedModule>,
  depth = 0,
): Promise<boolean> {
  if (depth > 8) return false;
  for (const text of strings(value).filter(isExpression)) {
    for (const ref of await findReferences(mod.relDir, text)) {
      if (ref.kind === 'module') {
        if (mod.calls.get(ref.name)?.child === CAPABILITIES_MODULE) return true;
        continue;
      }
      const sources =
        ref.kind === 'local'
          ? [{ mod, value: mod.locals.get(ref.name) }]
          : callersOf(mod.relDir, modules).map(c => ({
              mod: c.mod,
              value: c.inputs[ref.name],
            }));
      let all = sources.length > 0;
      for (const source of sources) {
        all =
          all &&
          source.value !== undefined &&
          (await derivesFromCapabilities(
            source.mod,
            source.value,
            modules,
            depth + 1,
          ));
      }
      if (all) return true;
    }
  }
  return false;
}

function callersOf(relDir: string, modules: Map<string, ParsedModule>) {
  return [...modules.values()].flatMap(mod =>
    [...mod.calls.values()]
      .filter(c => c.child === relDir)
      .map(c => ({ mod, inputs: c.inputs })),
  );
}

/** Zonal arguments of every resource block: [where, value]. */
function zonalSettings(
  value: unknown,
  where: string,
  out: Array<{ where: string; value: unknown }>,
) {
  if (Array.isArray(value)) {
    value.forEach(v => zonalSettings(v, where, out));
    return;
  }
  if (!isRecord(value)) return;
  for (const [key, v] of Object.entries(value)) {
    const at = `${where}.${key}`;
    if (
      ZONAL_ARGUMENTS.has(key) ||
      (key === 'mode' && where.endsWith('.high_availability'))
    ) {
      out.push({ where: at, value: v });
    } else if (key !== 'lifecycle') {
      zonalSettings(v, at, out);
    }
  }
}

async function deployedRegions(
  repoRoot: string,
  problems: Problem[],
): Promise<Map<string, string[]>> {
  const regions = new Map<string, string[]>();
  const dir = path.join(repoRoot, ROOT_MODULE);
  const tfvars = fs.existsSync(dir)
    ? fs.readdirSync(dir).filter(f => f.endsWith('.tfvars'))
    : [];
  for (const name of tfvars.sort()) {
    const rel = `${ROOT_MODULE}/${name}`;
    try {
      const body = await parseHcl(
        rel,
        fs.readFileSync(path.join(dir, name), 'utf8'),
      );
      for (const region of Object.keys(
        isRecord(body.regions) ? body.regions : {},
      )) {
        regions.set(region, [...(regions.get(region) ?? []), name]);
      }
    } catch {
      problems.push({ file: rel, message: 'tfvars do not parse' });
    }
  }
  return regions;
}

function capabilityTable(
  modules: Map<string, ParsedModule>,
  problems: Problem[],
): Map<string, string[]> {
  const table = new Map<string, string[]>();
  const raw = modules.get(CAPABILITIES_MODULE)?.locals.get('table');
  if (!isRecord(raw)) {
    problems.push({
      file: CAPABILITIES_MODULE,
      message: 'local "table" (region -> {zones}) is missing',
    });
    return table;
  }
  for (const [region, entry] of Object.entries(raw)) {
    const zones =
      isRecord(entry) && Array.isArray(entry.zones)
        ? entry.zones.map(String)
        : undefined;
    if (!zones) {
      problems.push({
        file: CAPABILITIES_MODULE,
        message: `${region}: zones must be a literal list`,
      });
      continue;
    }
    table.set(region, zones);
    const real = AZURE_REGION_ZONES[region];
    if (real === undefined) {
      problems.push({
        file: CAPABILITIES_MODULE,
        message: `${region} is not in the validator's copy of Microsoft's region list; add it there first`,
      });
    } else if (real !== zones.length > 0) {
      problems.push({
        file: CAPABILITIES_MODULE,
        message: `${region}: the table says ${
          zones.length > 0 ? 'zones' : 'no zones'
        }, Microsoft's region list says ${real ? 'zones' : 'no zones'}`,
      });
    }
  }
  return table;
}

/**
 * Zonal settings apply only where the region supports them: the capability table agrees with
 * Microsoft's region list, covers every deployed region, and every zonal argument of every
 * resource comes from it rather than a literal that would also be sent to a region without zones.
 */
export async function validateRegionCapabilities(
  repoRoot: string,
): Promise<Problem[]> {
  const problems: Problem[] = [];
  const modules = await parseModules(repoRoot, problems);
  const table = capabilityTable(modules, problems);
  const deployed = await deployedRegions(repoRoot, problems);
  for (const [region, files] of deployed) {
    if (!table.has(region)) {
      problems.push({
        file: `${ROOT_MODULE}/${files[0]}`,
        message: `region ${region} is not in the capability table (${CAPABILITIES_MODULE})`,
      });
    }
  }
  const zoneless = [...deployed.keys()].filter(
    r => (table.get(r) ?? []).length === 0,
  );
  for (const mod of modules.values()) {
    for (const { file, body } of mod.bodies) {
      const resources = isRecord(body.resource) ? body.resource : {};
      for (const [type, byName] of Object.entries(resources)) {
        for (const [name, blocks] of Object.entries(
          isRecord(byName) ? byName : {},
        )) {
          const settings: Array<{ where: string; value: unknown }> = [];
          zonalSettings(blocks, `${type}.${name}`, settings);
          for (const s of settings) {
            if (isNonZonalLiteral(s.value)) continue;
            const derived =
              strings(s.value).some(isExpression) &&
              (await derivesFromCapabilities(mod, s.value, modules));
            if (!derived) {
              problems.push({
                file,
                message: `${s.where} = ${JSON.stringify(
                  s.value,
                )} is a zonal setting not taken from ${CAPABILITIES_MODULE}; ${
                  zoneless.length > 0
                    ? `${zoneless.join(', ')} ha${
                        zoneless.length > 1 ? 've' : 's'
                      } no availability zones`
                    : 'regions without zones would reject it'
                }`,
              });
            }
          }
        }
      }
    }
  }
  return problems;
}
