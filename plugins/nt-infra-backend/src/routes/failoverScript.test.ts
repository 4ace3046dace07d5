import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { startTestSandbox, TestSandbox, waitFor } from '@internal/sandbox';
import { execFile } from 'child_process';
import { AddressInfo } from 'net';
import { resolve } from 'path';
import request from 'supertest';
import { sandboxConfig } from '../__testUtils__/sandboxConfig';
import { ntInfraPlugin } from '../plugin';

jest.setTimeout(180_000);

const SCRIPT = resolve(__dirname, '../../../../scripts/failover-test.sh');
/** World seconds per wall second, as in the failover route tests. */
const SPEED = 10;

interface ScriptResult {
  code: number;
  stdout: string;
  stderr: string;
}

function runScript(portalUrl: string, args: string[]): Promise<ScriptResult> {
  return new Promise(done => {
    execFile(
      'bash',
      [SCRIPT, '--poll-interval', '1', '--timeout', '150', ...args],
      {
        env: {
          ...process.env,
          PORTAL_URL: portalUrl,
          NT_INFRA_TOKEN: mockCredentials.user.token(),
        },
      },
      (error, stdout, stderr) =>
        done({
          code: error ? Number(error.code ?? 1) : 0,
          stdout: String(stdout),
          stderr: String(stderr),
        }),
    );
  });
}

/**
 * The operator's script against the real backend and the sandbox world, not
 * a stand-in: the request it sends, the states it polls through and the
 * fields it prints are the API's own.
 */
describe('scripts/failover-test.sh against the portal backend', () => {
  let sandbox: TestSandbox;

  beforeAll(async () => {
    sandbox = await startTestSandbox({ speed: SPEED });
  });
  afterAll(() => sandbox.stop());

  it('fails staging over with the unhealthy method and prints the RTO the portal measured', async () => {
    const config = sandboxConfig(sandbox.endpoints, {
      environment: 'staging',
      runs: { tickSeconds: 0.05, leaseSeconds: 1 },
      failover: { holdDownSeconds: 1, probeTimeoutMs: 250 },
    });
    const backend = await startTestBackend({
      features: [
        ntInfraPlugin,
        mockServices.rootConfig.factory({ data: config }),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
        mockServices.rootLogger.factory({ level: 'warn' }),
        schedulerServiceFactory,
      ],
    });
    const { server } = backend;
    const portalUrl = `http://127.0.0.1:${
      (server.address() as AddressInfo).port
    }`;
    const asUser = (req: request.Test) =>
      req.set('Authorization', mockCredentials.user.header());
    // A world just started has both endpoints probed Online and the
    // replication lag (the RPO) recorded before a test can be judged.
    await waitFor(async () => {
      const res = await asUser(request(server).get('/api/nt-infra/traffic'));
      const regions = JSON.stringify(res.body);
      return (
        res.status === 200 &&
        /"Online"/.test(regions) &&
        !/Degraded|CheckingEndpoint|Stopped/.test(regions)
      );
    }, 60_000);
    await waitFor(async () => {
      const res = await fetch(
        `${sandbox.endpoints.prometheus}/api/v1/query?${new URLSearchParams({
          query: 'ntai:db_replication_lag_seconds:max{region="westus"}',
        })}`,
      );
      return ((await res.json()) as any).data.result.length > 0;
    }, 60_000);

    const result = await runScript(portalUrl, [
      '--environment',
      'staging',
      '--method',
      'unhealthy',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);

    const id =
      /failover test (\S+) started \(staging, failing eastus, unhealthy\)/.exec(
        result.stdout,
      )?.[1];
    expect(id).toBeDefined();
    const view = (
      await asUser(request(server).get(`/api/nt-infra/failover-tests/${id}`))
    ).body;
    expect(view.state).toBe('completed');
    const { rto, rpoSeconds } = view.measurements;
    // What the script prints is what the portal measured, from whichever
    // source it had (the users' counters, or switch + TTL without them).
    const shown = (v: unknown) => (v === undefined ? 'n/a' : String(v));
    expect(result.stdout).toContain(
      `RTO:              ${rto.seconds} s (target 300 s, verdict passed)`,
    );
    expect(result.stdout).toContain(
      `source:         ${rto.source}, resolution ${shown(
        rto.resolutionSeconds,
      )} s`,
    );
    expect(result.stdout).toContain(
      `DNS switch ${shown(rto.lowerBoundSeconds)} s`,
    );
    expect(result.stdout).toContain(
      `RPO:              ${rpoSeconds} s (target 60 s, verdict passed)`,
    );
    const clocks =
      /clocks: +counters placed within ±(\S+) s of the DNS view/.exec(
        result.stdout,
      )?.[1];
    expect(clocks).toBe(
      rto.clockUncertaintySeconds === undefined
        ? undefined
        : String(rto.clockUncertaintySeconds),
    );
    // Users were down at least until the DNS switch (two failed probes 10 s
    // apart, in world time), not the resolver's instant; how the RTO sits
    // between its bounds is the failover route tests' to check.
    expect(rto.seconds * SPEED).toBeGreaterThan(10);
    expect(rto.seconds).toBeGreaterThanOrEqual(rto.lowerBoundSeconds);
    await backend.stop();
  });
});
