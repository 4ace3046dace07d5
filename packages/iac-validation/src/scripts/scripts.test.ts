import { spawn } from 'child_process';
import fs from 'fs';
import os from 'os';
import http from 'http';
import { AddressInfo } from 'net';
import path from 'path';
import {
  copyRepo,
  describeWithTool,
  plant,
  removeTemp,
  REPO_ROOT,
} from '../util/testing';
import { runTool } from '../util/tools';
import { shellcheckScripts } from './scripts';

jest.setTimeout(60_000);

const script = (name: string) => path.join(REPO_ROOT, 'scripts', name);

describeWithTool('shellcheck', 'shellcheck', () => {
  it('finds nothing in scripts/', () => {
    expect(shellcheckScripts(REPO_ROOT)).toEqual([]);
  });

  it('reports a planted unquoted expansion', () => {
    const root = copyRepo(['scripts']);
    try {
      plant(
        root,
        'scripts/deploy-staging.sh',
        'deploy_main staging 0 "$@"',
        'deploy_main staging 0 $@',
      );
      expect(shellcheckScripts(root).join()).toMatch(/SC2068/);
    } finally {
      removeTemp(root);
    }
  });
});

describe('deploy scripts --dry-run', () => {
  const dryRun = (name: string, ...args: string[]) =>
    runTool('bash', [script(name), '--dry-run', ...args]);
  const commands = (stdout: string) =>
    stdout
      .split('\n')
      .filter(l => l.startsWith('+ '))
      .map(l => l.slice(2));

  it.each(['staging', 'production'])(
    '%s plans and applies its own tfvars and overlay on both clusters',
    env => {
      const result = dryRun(`deploy-${env}.sh`);
      expect(result.status).toBe(0);
      const cmds = commands(result.stdout);
      const tf = 'terraform -chdir=terraform/azure/multi-region';
      expect(cmds.slice(0, 3)).toEqual([
        `${tf} init -input=false -reconfigure -backend-config=backend/${env}.azurerm.tfbackend`,
        `${tf} plan -input=false -var-file=${env}.tfvars -out=${env}.tfplan`,
        `${tf} apply -input=false ${env}.tfplan`,
      ]);
      for (const region of ['eastus', 'westus']) {
        expect(cmds).toContain(
          `kubectl --context aks-ntai-${env}-${region} apply -k kubernetes/overlays/${env}`,
        );
        expect(cmds).toContain(
          `az aks get-credentials --resource-group rg-ntai-${env}-${region} --name aks-ntai-${env}-${region} --overwrite-existing`,
        );
      }
      const confirmations = result.stdout
        .split('\n')
        .filter(l => l.startsWith('# confirmation required'));
      expect(confirmations.length).toBe(env === 'production' ? 3 : 0);
    },
  );

  it('stops after the plan with --plan-only and rejects unknown options', () => {
    const plan = commands(dryRun('deploy-production.sh', '--plan-only').stdout);
    expect(plan.map(c => c.split(' ')[2])).toEqual(['init', 'plan']);
    const bad = runTool('bash', [script('deploy-staging.sh'), '--force']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/unknown option: --force/);
  });

  it('applies a saved plan as it is with --apply-plan, and never plans again', () => {
    const result = dryRun(
      'deploy-production.sh',
      '--skip-kubernetes',
      '--apply-plan',
      'production.tfplan',
    );
    expect(result.status).toBe(0);
    expect(commands(result.stdout)).toEqual([
      'terraform -chdir=terraform/azure/multi-region init -input=false -reconfigure -backend-config=backend/production.azurerm.tfbackend',
      'terraform -chdir=terraform/azure/multi-region apply -input=false production.tfplan',
    ]);
    expect(result.stdout).not.toMatch(/confirmation required/);
    const both = dryRun(
      'deploy-production.sh',
      '--plan-only',
      '--apply-plan',
      'x',
    );
    expect(both.status).toBe(2);
    expect(both.stderr).toMatch(
      /--apply-plan and --plan-only exclude each other/,
    );
    const missing = runTool('bash', [
      script('deploy-production.sh'),
      '--skip-kubernetes',
      '--apply-plan',
      'no-such.tfplan',
    ]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(
      /saved plan .*no-such\.tfplan does not exist/,
    );
  });

  it('production refuses to apply without the typed confirmation', () => {
    const result = runTool(
      'bash',
      [script('deploy-production.sh'), '--skip-kubernetes'],
      {
        input: 'yes\n',
        env: {
          ...process.env,
          PATH: `${path.join(__dirname, '__fixtures__', 'bin')}:${
            process.env.PATH
          }`,
        },
      },
    );
    expect(result.stderr).toMatch(/aborted: confirmation did not match/);
    expect(result.stdout).not.toMatch(/apply -input=false/);
  });
});

interface FakeRun {
  states: string[];
  measurements: Record<string, unknown>;
  verdicts?: Record<string, string>;
}

/** A stand-in for the portal backend's failover-test endpoints on 127.0.0.1. */
async function startPortal(run: FakeRun) {
  const seen: Array<{
    method?: string;
    url?: string;
    auth?: string;
    body: string;
  }> = [];
  let polls = 0;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', c => (body += c));
    req.on('end', () => {
      seen.push({
        method: req.method,
        url: req.url,
        auth: req.headers.authorization,
        body,
      });
      res.setHeader('Content-Type', 'application/json');
      if (req.headers.authorization !== 'Bearer test-token') {
        res.statusCode = 401;
        res.end(JSON.stringify({ error: { message: 'unauthorized' } }));
      } else if (
        req.method === 'POST' &&
        req.url === '/api/nt-infra/failover-tests'
      ) {
        res.statusCode = 201;
        res.end(JSON.stringify({ id: 'ft-42', state: 'approved' }));
      } else if (
        req.method === 'GET' &&
        req.url === '/api/nt-infra/failover-tests/ft-42'
      ) {
        const state = run.states[Math.min(polls++, run.states.length - 1)];
        const terminal = polls >= run.states.length;
        res.end(
          JSON.stringify({
            id: 'ft-42',
            state,
            ...(terminal
              ? {
                  measurements: run.measurements,
                  verdicts: run.verdicts ?? {
                    rto: 'passed',
                    rpo: 'passed',
                    overall: 'passed',
                  },
                }
              : {}),
          }),
        );
      } else {
        res.statusCode = 404;
        res.end('{}');
      }
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    seen,
    close: () => new Promise(resolve => server.close(resolve)),
  };
}

/** A PATH with only the tools failover-test.sh needs besides jq, to exercise the node fallback. */
function pathWithoutJq(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'no-jq-'));
  for (const tool of ['bash', 'curl', 'node', 'awk', 'sleep', 'basename']) {
    const found = (process.env.PATH ?? '')
      .split(path.delimiter)
      .map(d => path.join(d, tool))
      .find(f => fs.existsSync(f));
    if (!found) throw new Error(`${tool} not found on PATH`);
    fs.symlinkSync(found, path.join(dir, tool));
  }
  return dir;
}

function runFailoverTest(
  url: string,
  args: string[],
  pathOverride?: string,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise(resolve => {
    const child = spawn(
      'bash',
      [script('failover-test.sh'), '--poll-interval', '1', ...args],
      {
        env: {
          ...process.env,
          PORTAL_URL: url,
          NT_INFRA_TOKEN: 'test-token',
          ...(pathOverride ? { PATH: pathOverride } : {}),
        },
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', c => (stdout += c));
    child.stderr.on('data', c => (stderr += c));
    child.on('close', status => resolve({ status, stdout, stderr }));
  });
}

describe('failover-test.sh against a local portal', () => {
  const measurements = {
    detectionSeconds: 24,
    dnsSwitchSeconds: 58,
    resolverServedSeconds: 58,
    rtoSeconds: 97,
    rto: {
      seconds: 97,
      source: 'traffic',
      resolutionSeconds: 15,
      lowerBoundSeconds: 58,
      upperBoundSeconds: 118,
    },
    rpoSeconds: 2.5,
  };
  const unhealthy = ['--method', 'unhealthy'];

  it("polls to the terminal state, prints the users' RTO with its source and bounds, and passes within RTO and RPO", async () => {
    const portal = await startPortal({
      states: ['running', 'stopping', 'completed'],
      measurements,
    });
    try {
      const result = await runFailoverTest(portal.url, [
        '--environment',
        'staging',
        ...unhealthy,
      ]);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/detection:\s+24 s/);
      expect(result.stdout).toMatch(/DNS switch:\s+58 s/);
      expect(result.stdout).toMatch(
        /RTO:\s+97 s \(target 300 s, verdict passed\)/,
      );
      expect(result.stdout).toMatch(/source:\s+traffic, resolution 15 s/);
      expect(result.stdout).toMatch(
        /DNS switch 58 s ≤ RTO ≤ switch \+ TTL 118 s/,
      );
      expect(result.stdout).toMatch(
        /RPO:\s+2.5 s \(target 60 s, verdict passed\)/,
      );
      expect(portal.seen[0]).toMatchObject({
        method: 'POST',
        auth: 'Bearer test-token',
      });
      expect(JSON.parse(portal.seen[0].body)).toEqual({
        environment: 'staging',
        fromRegion: 'eastus',
        method: 'unhealthy',
        rtoTargetSeconds: 300,
        rpoTargetSeconds: 60,
      });
      expect(portal.seen.filter(r => r.method === 'GET')).toHaveLength(3);
    } finally {
      await portal.close();
    }
  });

  it('says when the users were down past switch + TTL instead of printing bounds that do not hold', async () => {
    const portal = await startPortal({
      states: ['completed'],
      measurements: {
        ...measurements,
        rto: { ...measurements.rto, seconds: 140, outsideBounds: true },
      },
    });
    try {
      const result = await runFailoverTest(portal.url, unhealthy);
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/RTO:\s+140 s/);
      expect(result.stdout).toMatch(
        /outside DNS switch 58 s \.\. switch \+ TTL 118 s: users' requests failed past them/,
      );
      expect(result.stdout).not.toMatch(/≤ RTO ≤/);
    } finally {
      await portal.close();
    }
  });

  it('reports a planned drain without an RTO verdict: when users moved and 0 failed requests', async () => {
    const portal = await startPortal({
      states: ['completed'],
      measurements: {
        detectionSeconds: 0.05,
        dnsSwitchSeconds: 0.05,
        rpoSeconds: 0.2,
        drain: {
          movedSeconds: 60.05,
          failedRequests: 0,
          requests: 5900,
          source: 'traffic',
          resolutionSeconds: 15,
          upperBoundSeconds: 60.05,
        },
      },
      verdicts: {
        rto: 'not-applicable',
        drain: 'passed',
        rpo: 'passed',
        overall: 'passed',
      },
    });
    try {
      const result = await runFailoverTest(portal.url, []);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/no RTO verdict/);
      expect(result.stdout).not.toMatch(/^RTO:/m);
      expect(result.stdout).toMatch(/drain time:\s+60.05 s/);
      expect(result.stdout).toMatch(
        /failed requests:\s+0 of 5900 user requests \(verdict passed\)/,
      );
    } finally {
      await portal.close();
    }
  });

  it('fails a drain that failed user requests', async () => {
    const portal = await startPortal({
      states: ['completed'],
      measurements: {
        rpoSeconds: 0.2,
        drain: {
          movedSeconds: 61,
          failedRequests: 40,
          requests: 5900,
          source: 'traffic',
        },
      },
      verdicts: {
        rto: 'not-applicable',
        drain: 'failed',
        rpo: 'passed',
        overall: 'failed',
      },
    });
    try {
      const result = await runFailoverTest(portal.url, []);
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(
        /drain's verdict is failed \(40 user requests failed\)/,
      );
    } finally {
      await portal.close();
    }
  });

  it('fails when the RTO target is missed, also without jq', async () => {
    const portal = await startPortal({ states: ['completed'], measurements });
    try {
      const noJq = pathWithoutJq();
      const result = await runFailoverTest(
        portal.url,
        [...unhealthy, '--rto-target', '90'],
        noJq,
      );
      fs.rmSync(noJq, { recursive: true, force: true });
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(
        /FAIL: RTO 97 s exceeds the target of 90 s/,
      );
    } finally {
      await portal.close();
    }
  });

  it('fails when the RPO target is missed even with the RTO met', async () => {
    const portal = await startPortal({
      states: ['completed'],
      measurements: { ...measurements, rpoSeconds: 75 },
    });
    try {
      const result = await runFailoverTest(portal.url, unhealthy);
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(
        /FAIL: RPO 75 s exceeds the target of 60 s/,
      );
    } finally {
      await portal.close();
    }
  });

  it('fails when a completed run missed its RTO by the verdict of the portal', async () => {
    const portal = await startPortal({
      states: ['completed'],
      measurements,
      verdicts: { rto: 'failed', rpo: 'passed', overall: 'failed' },
    });
    try {
      const result = await runFailoverTest(portal.url, unhealthy);
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/RTO verdict is failed/);
    } finally {
      await portal.close();
    }
  });

  it('fails when the run does not succeed', async () => {
    const portal = await startPortal({
      states: ['running', 'aborted'],
      measurements,
    });
    try {
      const result = await runFailoverTest(portal.url, []);
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/ended in state aborted/);
    } finally {
      await portal.close();
    }
  });

  it('prints the request in --dry-run and needs PORTAL_URL', () => {
    const dry = runTool(
      'bash',
      [
        script('failover-test.sh'),
        '--dry-run',
        '--environment',
        'production',
        '--rto-target',
        '240',
      ],
      { env: { ...process.env, PORTAL_URL: 'https://portal.example' } },
    );
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain(
      '+ POST https://portal.example/api/nt-infra/failover-tests {"environment":"production","fromRegion":"eastus","method":"disable-endpoint","rtoTargetSeconds":240,"rpoTargetSeconds":60}',
    );
    const missing = runTool('bash', [script('failover-test.sh')], {
      env: { ...process.env, PORTAL_URL: '' },
    });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/PORTAL_URL is not set/);
  });
});
