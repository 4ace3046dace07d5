import https from 'node:https';
import fs from 'node:fs';
import { defaultWorld } from './backendConfig';
import type { BackendProcess } from './backendProcess';
import type { BenchContext } from './context';
import { SandboxProcess } from './sandboxProcess';

export interface World {
  sandbox: SandboxProcess;
  backend: BackendProcess;
  speed: number;
  stop(): Promise<void>;
}

/**
 * The default sandbox world (production and staging, as `./portal start`
 * runs it) at a fast clock, with a backend configured like app-config.yaml
 * apart from the given run-engine settings.
 */
export async function startDefaultWorld(
  ctx: BenchContext,
  label: string,
  options: {
    speed: number;
    /** Synthetic clients per Traffic Manager profile. */
    clients?: number;
    runs?: { tickSeconds?: number; leaseSeconds?: number };
    failover?: Record<string, number>;
    extraCorsOrigins?: string[];
    disabledExtensions?: string[];
  },
): Promise<World> {
  const sandbox = await SandboxProcess.start({
    speed: options.speed,
    clients: options.clients,
  });
  try {
    const backend = await ctx.startBackend(label, {
      endpoints: sandbox.endpoints,
      caPath: sandbox.caPath,
      environments: defaultWorld(sandbox.endpoints),
      refreshIntervalSeconds: 5,
      runs: options.runs,
      failover: options.failover,
      extraCorsOrigins: options.extraCorsOrigins,
      disabledExtensions: options.disabledExtensions,
    });
    return {
      sandbox,
      backend,
      speed: options.speed,
      async stop() {
        await backend.stop();
        await sandbox.stop();
      },
    };
  } catch (e) {
    await sandbox.stop();
    throw e;
  }
}

/** PATCHes a Traffic Manager profile through the sandbox's ARM API, as an operator would. */
export function patchProfile(
  sandbox: SandboxProcess,
  profile: { resourceGroup: string; name: string },
  body: unknown,
): Promise<void> {
  const { endpoint, subscriptionId, apiVersion } = sandbox.endpoints.arm;
  const url = new URL(
    `/subscriptions/${subscriptionId}/resourceGroups/${profile.resourceGroup}/providers/Microsoft.Network/trafficmanagerprofiles/${profile.name}?api-version=${apiVersion}`,
    endpoint,
  );
  const text = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = https.request(
      url,
      {
        method: 'PATCH',
        ca: fs.readFileSync(sandbox.caPath),
        headers: {
          authorization: 'Bearer bench',
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(text),
        },
      },
      res => {
        let out = '';
        res.on('data', d => {
          out += d;
        });
        res.on('end', () =>
          res.statusCode && res.statusCode < 300
            ? resolve()
            : reject(new Error(`ARM PATCH ${res.statusCode}: ${out}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}

/** World time (epoch ms) of a wall-clock instant, from the sandbox's linear clock. */
export async function worldMapper(sandbox: SandboxProcess) {
  const c = await sandbox.control<{
    worldTimeMs: number;
    wallTime: string;
    speed: number;
  }>('/clock');
  const wall = Date.parse(c.wallTime);
  return (wallMs: number) => c.worldTimeMs + (wallMs - wall) * c.speed;
}
