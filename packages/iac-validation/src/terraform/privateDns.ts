import fs from 'fs';
import path from 'path';
import { isRecord, listFiles, relativeTo } from '../util/files';
import { Problem } from '../types';
import { firstBlock, HclBody, parseHcl } from './hcl';

const COSMOS_ZONE = 'privatelink.documents.azure.com';
const LINK = 'azurerm_private_dns_zone_virtual_network_link';

interface Dir {
  rel: string;
  bodies: Array<{ file: string; body: HclBody }>;
}

async function loadDirs(repoRoot: string): Promise<Map<string, Dir>> {
  const dirs = new Map<string, Dir>();
  for (const file of listFiles(path.join(repoRoot, 'terraform'), n =>
    n.endsWith('.tf'),
  )) {
    const abs = path.dirname(file);
    const rel = relativeTo(repoRoot, file);
    const dir = dirs.get(abs) ?? { rel: relativeTo(repoRoot, abs), bodies: [] };
    try {
      dir.bodies.push({
        file: rel,
        body: await parseHcl(rel, fs.readFileSync(file, 'utf8')),
      });
    } catch {
      // validateTerraform reports parse errors.
    }
    dirs.set(abs, dir);
  }
  return dirs;
}

function blocks(dir: Dir, kind: string, type?: string) {
  const out: Array<{
    file: string;
    name: string;
    block: Record<string, unknown>;
  }> = [];
  for (const { file, body } of dir.bodies) {
    let section = body[kind];
    if (type !== undefined)
      section = isRecord(section) ? section[type] : undefined;
    if (!isRecord(section)) continue;
    for (const [name, value] of Object.entries(section)) {
      const block = firstBlock(value);
      if (block) out.push({ file, name, block });
    }
  }
  return out;
}

const text = (v: unknown) => (v === undefined ? '' : JSON.stringify(v));

/** Output `name` of `dir` waits for a private DNS zone VNet link. */
function outputWaitsForLinks(dir: Dir, name: string): boolean {
  const output = blocks(dir, 'output').find(o => o.name === name);
  return !!output && text(output.block.depends_on).includes(`${LINK}.`);
}

/**
 * Why a server placed in a private DNS zone may be created before that zone resolves in its
 * VNet, or undefined when the ordering holds: the server depends on a link itself, or takes the
 * zone ID from a variable every caller feeds from a module output that depends on the links.
 */
function orderingGap(
  dirs: Map<string, Dir>,
  dirPath: string,
  server: Record<string, unknown>,
): string | undefined {
  if (text(server.depends_on).includes(`${LINK}.`)) return undefined;
  const variable = /^\$\{var\.(\w+)/.exec(
    String(server.private_dns_zone_id),
  )?.[1];
  if (!variable) {
    return 'its private_dns_zone_id is neither a variable fed by a link-ordered output nor is the server depends_on a VNet link';
  }
  let callers = 0;
  for (const [callerPath, caller] of dirs) {
    for (const call of blocks(caller, 'module')) {
      if (path.resolve(callerPath, String(call.block.source)) !== dirPath)
        continue;
      callers++;
      const ref = /^\$\{module\.(\w+)\.(\w+)\}$/.exec(
        String(call.block[variable]),
      );
      const child =
        ref && blocks(caller, 'module').find(m => m.name === ref[1]);
      const childDir =
        child && dirs.get(path.resolve(callerPath, String(child.block.source)));
      if (!ref || !childDir || !outputWaitsForLinks(childDir, ref[2])) {
        return `${caller.rel} passes var.${variable} from ${text(
          call.block[variable],
        )}, which does not depend_on the zone's VNet links`;
      }
    }
  }
  return callers === 0 ? `no module call feeds var.${variable}` : undefined;
}

/**
 * Private DNS that works on the first apply and in both regions: PostgreSQL servers are created
 * only after their zone is linked to the VNets (else the server's name does not resolve there),
 * and Cosmos DB's zone exists per region, linked to that region's VNet only (both regions'
 * endpoints register the same account names; one shared zone keeps the last writer's IPs).
 */
export async function validatePrivateDns(repoRoot: string): Promise<Problem[]> {
  const problems: Problem[] = [];
  const dirs = await loadDirs(repoRoot);
  let cosmosZones = 0;
  for (const [dirPath, dir] of dirs) {
    for (const s of blocks(
      dir,
      'resource',
      'azurerm_postgresql_flexible_server',
    )) {
      if (s.block.private_dns_zone_id === undefined) continue;
      const gap = orderingGap(dirs, dirPath, s.block);
      if (gap) {
        problems.push({
          file: s.file,
          message: `azurerm_postgresql_flexible_server.${s.name} is not ordered after its private DNS zone's VNet links: ${gap}`,
        });
      }
    }
    for (const { file, body } of dir.bodies) {
      const zones = blocks(
        { rel: dir.rel, bodies: [{ file, body }] },
        'resource',
        'azurerm_private_dns_zone',
      );
      const perRegion = zones.filter(z => z.block.name === COSMOS_ZONE);
      cosmosZones += perRegion.length;
      for (const z of perRegion) {
        if (z.block.for_each !== '${var.regions}') {
          problems.push({
            file,
            message: `azurerm_private_dns_zone.${z.name} (${COSMOS_ZONE}) must exist once per region (for_each = var.regions): a zone shared by both regions' Cosmos endpoints keeps only the last writer's IPs`,
          });
        }
      }
      const mentions = text(body).split(COSMOS_ZONE).length - 1;
      if (mentions > perRegion.length) {
        problems.push({
          file,
          message: `${COSMOS_ZONE} is used outside a per-region zone resource (e.g. in a shared zone map)`,
        });
      }
    }
    for (const call of blocks(dir, 'module')) {
      const zone = text(call.block.private_dns_zone_id);
      if (
        zone.includes('cosmos') &&
        !/cosmos_private_dns_zone_ids\[each\.value\.region\]/.test(zone)
      ) {
        problems.push({
          file: call.file,
          message: `module "${call.name}": Cosmos private endpoints must use their own region's zone (cosmos_private_dns_zone_ids[each.value.region])`,
        });
      }
    }
  }
  if (cosmosZones === 0 && dirs.size > 0) {
    problems.push({
      file: 'terraform',
      message: `no per-region ${COSMOS_ZONE} zone: Cosmos private endpoints cannot resolve`,
    });
  }
  return problems;
}
