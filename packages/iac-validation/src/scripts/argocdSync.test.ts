import fs from 'fs';
import os from 'os';
import path from 'path';
import { REPO_ROOT } from '../util/testing';
import { runTool } from '../util/tools';

jest.setTimeout(60_000);

const SCRIPT = path.join(REPO_ROOT, 'scripts', 'argocd-sync.sh');
const FAKES = path.join(__dirname, '__fixtures__', 'argocd-bin');
const HEAD = runTool('git', [
  '-C',
  REPO_ROOT,
  'rev-parse',
  'HEAD',
]).stdout.trim();
const PARENT = runTool('git', [
  '-C',
  REPO_ROOT,
  'rev-parse',
  'HEAD~1',
]).stdout.trim();

const commands = (stdout: string) =>
  stdout
    .split('\n')
    .filter(l => l.startsWith('+ '))
    .map(l => l.slice(2));

function syncScript(args: string[], env: NodeJS.ProcessEnv = {}) {
  return runTool('bash', [SCRIPT, ...args], {
    env: { ...process.env, GITHUB_ACTOR: 'octocat', ...env },
  });
}

describe('argocd-sync.sh --dry-run', () => {
  it('applies the Argo CD manifests, then requests a production sync of both regions', () => {
    const result = syncScript([
      '--dry-run',
      '--environment',
      'production',
      '--revision',
      HEAD,
      '--apply-manifests',
    ]);
    expect(result.status).toBe(0);
    const cmds = commands(result.stdout);
    expect(cmds.slice(0, 3)).toEqual([
      'az aks get-credentials --resource-group rg-ntai-production-eastus --name aks-ntai-production-eastus --overwrite-existing',
      'kubelogin convert-kubeconfig -l azurecli',
      'kubectl --context aks-ntai-production-eastus apply -k kubernetes/argocd',
    ]);
    for (const region of ['eastus', 'westus']) {
      const patch = cmds.find(c =>
        c.includes(`patch application ntai-production-${region}`),
      );
      expect(patch).toContain(
        'kubectl --context aks-ntai-production-eastus -n argocd',
      );
      expect(patch).toContain(`\\"revision\\":\\"${HEAD}\\"`);
      expect(patch).toContain(`\\"username\\":\\"octocat\\"`);
      expect(result.stdout).toContain(
        `# wait until ntai-production-${region} is Synced and Healthy at ${HEAD}`,
      );
    }
  });

  it('only waits for staging, which Argo CD syncs by itself', () => {
    const result = syncScript(
      ['--dry-run', '--environment', 'staging', '--revision', HEAD],
      { ARGOCD_CLUSTER: 'aks-ops', ARGOCD_RESOURCE_GROUP: 'rg-ops' },
    );
    expect(result.status).toBe(0);
    const cmds = commands(result.stdout);
    expect(cmds[0]).toBe(
      'az aks get-credentials --resource-group rg-ops --name aks-ops --overwrite-existing',
    );
    expect(cmds.some(c => c.includes(' patch ') || c.includes(' apply '))).toBe(
      false,
    );
    expect(result.stdout).toContain('# staging syncs automatically');
  });

  it('rejects a missing or short revision and an unknown environment', () => {
    const short = syncScript([
      '--environment',
      'staging',
      '--revision',
      'abc123',
    ]);
    expect(short.status).toBe(2);
    expect(short.stderr).toMatch(/--revision must be a full commit SHA/);
    const env = syncScript(['--environment', 'qa', '--revision', HEAD]);
    expect(env.status).toBe(2);
    expect(env.stderr).toMatch(/--environment must be staging or production/);
  });
});

describe('argocd-sync.sh against a stand-in kubectl', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'argocd-sync-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Each app's successive status reads: sync|revision|health|phase|message. */
  function run(
    environment: string,
    revision: string,
    reads: Record<string, string[]>,
    timeoutSeconds = 15,
  ) {
    for (const [app, lines] of Object.entries(reads)) {
      fs.writeFileSync(path.join(dir, app), `${lines.join('\n')}\n`);
    }
    const result = syncScript(
      [
        '--environment',
        environment,
        '--revision',
        revision,
        '--poll-interval',
        '1',
        '--timeout',
        String(timeoutSeconds),
      ],
      { FAKE_ARGOCD: dir, PATH: `${FAKES}:${process.env.PATH}` },
    );
    const calls = fs.existsSync(path.join(dir, 'calls'))
      ? fs.readFileSync(path.join(dir, 'calls'), 'utf8')
      : '';
    return { ...result, calls };
  }

  it('waits until production runs the revision, synced and healthy', () => {
    const done = `Synced|${HEAD}|Healthy|Succeeded|successfully synced`;
    const result = run('production', HEAD, {
      'ntai-production-eastus': [
        `OutOfSync|${PARENT}|Healthy|Running|waiting`,
        `Synced|${HEAD}|Progressing|Succeeded|`,
        done,
      ],
      'ntai-production-westus': [done],
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.calls.match(/ patch application /g)).toHaveLength(2);
    expect(result.stdout).toMatch(/delivered [0-9a-f]{40} to production/);
  });

  it('accepts a later synced commit that contains the revision (staging follows main)', () => {
    const result = run('staging', PARENT, {
      'ntai-staging-eastus': [`Synced|${HEAD}|Healthy|Succeeded|`],
      'ntai-staging-westus': [`Synced|${HEAD}|Healthy|Succeeded|`],
    });
    expect(result.status).toBe(0);
    expect(result.calls).not.toMatch(/ patch /);
  });

  it('does not take an older synced commit for the revision', () => {
    const result = run(
      'staging',
      HEAD,
      {
        'ntai-staging-eastus': [`Synced|${PARENT}|Healthy|Succeeded|`],
        'ntai-staging-westus': [`Synced|${HEAD}|Healthy|Succeeded|`],
      },
      2,
    );
    expect(result.status).toBe(3);
    expect(result.stderr).toMatch(
      /not delivered after 2s: ntai-staging-eastus/,
    );
  });

  it('exits 4 when the production sync window is closed', () => {
    const blocked = `OutOfSync|${PARENT}|Healthy|Running|Sync operation blocked by sync window`;
    const result = run('production', HEAD, {
      'ntai-production-eastus': [blocked],
      'ntai-production-westus': [blocked],
    });
    expect(result.status).toBe(4);
    expect(result.stderr).toMatch(
      /sync window is closed; Argo CD keeps the sync queued/,
    );
  });

  it('fails when the synced revision turns out degraded', () => {
    const result = run('production', HEAD, {
      'ntai-production-eastus': [`Synced|${HEAD}|Degraded|Succeeded|`],
      'ntai-production-westus': [`Synced|${HEAD}|Healthy|Succeeded|`],
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /ntai-production-eastus: synced at [0-9a-f]{40} but Degraded/,
    );
  });
});
