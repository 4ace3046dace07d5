import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppsV1Api, CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { startTestSandbox, TestSandbox, waitFor } from '../testing/testSandbox';

jest.setTimeout(60_000);

function git(cwd: string, args: string[]) {
  return execFileSync(
    'git',
    [
      '-c',
      'user.name=test',
      '-c',
      'user.email=test@example.com',
      '-c',
      'commit.gpgsign=false',
      ...args,
    ],
    { cwd, encoding: 'utf8' },
  ).trim();
}

const REPO = path.resolve(__dirname, '../../../..');

/**
 * A bare remote with main holding the repository's kubernetes/ manifests (what a sync
 * applies), pushed from a work tree the test commits in; `edit` changes a file first.
 */
function createRemote(dir: string) {
  const remote = path.join(dir, 'gitops.git');
  const work = path.join(dir, 'work');
  fs.mkdirSync(work);
  fs.cpSync(path.join(REPO, 'kubernetes'), path.join(work, 'kubernetes'), {
    recursive: true,
  });
  git(dir, ['init', '--quiet', '--bare', '--initial-branch=main', remote]);
  git(work, ['init', '--quiet', '--initial-branch=main']);
  const commit = (
    message: string,
    edit?: { file: string; change: (text: string) => string },
  ) => {
    if (edit) {
      const file = path.join(work, edit.file);
      const before = fs.readFileSync(file, 'utf8');
      const after = edit.change(before);
      if (after === before) throw new Error(`${edit.file} did not change`);
      fs.writeFileSync(file, after);
    }
    fs.writeFileSync(path.join(work, 'file.txt'), message);
    git(work, ['add', '-A']);
    git(work, ['commit', '--quiet', '-m', message]);
    git(work, ['push', '--quiet', remote, 'HEAD:refs/heads/main']);
    return git(work, ['rev-parse', 'HEAD']);
  };
  return { remote, commit };
}

describe('the Argo CD stand-in', () => {
  let sandbox: TestSandbox;
  let tmp: string;

  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'argocd-test-'));
  });
  afterEach(async () => {
    await sandbox?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  async function api(p: string, init: RequestInit = {}, token = 'sandbox') {
    const res = await fetch(`${sandbox.endpoints.argocd}${p}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, ...init.headers },
    });
    return { status: res.status, body: await res.json() };
  }

  const app = async (name: string) =>
    (await api(`/api/v1/applications/${name}`)).body;

  it('syncs staging to a new main commit on its own and holds production until a sync is requested', async () => {
    const { remote, commit } = createRemote(tmp);
    const first = commit('first');
    sandbox = await startTestSandbox({ speed: 50, argocd: { remote } });

    // The world runs the head it first sees.
    await waitFor(async () => {
      const a = await app('ntai-production-eastus');
      return (
        a.status.sync.status === 'Synced' && a.status.sync.revision === first
      );
    }, 20_000);

    const second = commit('second');
    await waitFor(async () => {
      const a = await app('ntai-staging-eastus');
      return (
        a.status.sync.status === 'Synced' &&
        a.status.sync.revision === second &&
        a.status.health.status === 'Healthy' &&
        a.status.operationState.phase === 'Succeeded' &&
        a.status.operationState.operation.initiatedBy.automated === true
      );
    }, 20_000);
    const production = await app('ntai-production-eastus');
    expect(production.status.sync).toMatchObject({
      status: 'OutOfSync',
      revision: second,
    });
    expect(production.status.history.at(-1).revision).toBe(first);
    expect(production.spec.syncPolicy.automated).toBeUndefined();

    const sync = await api('/api/v1/applications/ntai-production-eastus/sync', {
      method: 'POST',
      body: JSON.stringify({ revision: 'main' }),
      headers: { 'content-type': 'application/json' },
    });
    expect(sync.status).toBe(200);
    expect(sync.body.status.operationState).toMatchObject({
      phase: 'Running',
      operation: {
        sync: { revision: second },
        initiatedBy: { username: 'admin' },
      },
    });
    await waitFor(async () => {
      const a = await app('ntai-production-eastus');
      return (
        a.status.sync.status === 'Synced' &&
        a.status.health.status === 'Healthy' &&
        a.status.history.at(-1).revision === second
      );
    }, 20_000);
    // The other production region was not asked to sync.
    expect((await app('ntai-production-westus')).status.sync.status).toBe(
      'OutOfSync',
    );
  });

  it('applies what it syncs: a raised staging API autoscaler floor adds pods in that cluster only', async () => {
    const { remote, commit } = createRemote(tmp);
    commit('first');
    sandbox = await startTestSandbox({ speed: 50, argocd: { remote } });
    const control = async (p: string) =>
      (await fetch(`${sandbox.endpoints.control}${p}`)).json();
    const kc = new KubeConfig();
    kc.loadFromFile(sandbox.endpoints.kubeconfigPath!);
    /** The API Deployment's desired count and the pods that exist for it. */
    const apiPods = async (cluster: string) => {
      kc.setCurrentContext(cluster);
      const d = await kc
        .makeApiClient(AppsV1Api)
        .readNamespacedDeployment({ name: 'ntai-api', namespace: 'ntai' });
      const pods = await kc.makeApiClient(CoreV1Api).listNamespacedPod({
        namespace: 'ntai',
        labelSelector: 'app.kubernetes.io/name=ntai-api',
      });
      return { replicas: d.spec!.replicas, pods: pods.items.length };
    };
    await waitFor(
      async () =>
        (await app('ntai-staging-eastus')).status.sync.status === 'Synced',
      20_000,
    );
    expect(await apiPods('aks-ntai-staging-eastus')).toEqual({
      replicas: 3,
      pods: 3,
    });

    const floor = commit('staging API floor 2 → 4', {
      file: 'kubernetes/overlays/staging/autoscaling.yaml',
      change: t => t.replace('minReplicas: 2', 'minReplicas: 4'),
    });
    await waitFor(async () => {
      const a = await app('ntai-staging-eastus');
      return (
        a.status.sync.revision === floor &&
        a.status.operationState.phase === 'Succeeded'
      );
    }, 20_000);
    expect(await apiPods('aks-ntai-staging-eastus')).toEqual({
      replicas: 4,
      pods: 4,
    });
    expect(await apiPods('aks-ntai-staging-westus')).toEqual({
      replicas: 4,
      pods: 4,
    });
    // Production is manual and was not synced.
    expect(await apiPods('aks-ntai-production-eastus')).toEqual({
      replicas: 10,
      pods: 10,
    });
    const events = await control('/events?type=argocd.sync.applied');
    expect(events.events.map((e: any) => e.message)).toContain(
      'ntai-staging-eastus: ntai/ntai-api 3 → 4',
    );

    // A ceiling below the count removes pods.
    commit('staging API ceiling 5 → 2, floor back to 1', {
      file: 'kubernetes/overlays/staging/autoscaling.yaml',
      change: t =>
        t
          .replace('minReplicas: 4', 'minReplicas: 1')
          .replace('maxReplicas: 5', 'maxReplicas: 2'),
    });
    await waitFor(
      async () => (await apiPods('aks-ntai-staging-eastus')).pods === 2,
      20_000,
    );

    // An overlay that does not render fails the sync (and the world keeps its pods).
    const broken = commit('broken overlay', {
      file: 'kubernetes/overlays/staging/kustomization.yaml',
      change: t =>
        t.replace('- path: autoscaling.yaml', '- path: missing.yaml'),
    });
    await waitFor(async () => {
      const a = await app('ntai-staging-eastus');
      return (
        a.status.operationState.operation.sync.revision === broken &&
        a.status.operationState.phase === 'Failed'
      );
    }, 20_000);
    const failed = await app('ntai-staging-eastus');
    expect(failed.status.sync.status).toBe('OutOfSync');
    expect(failed.status.operationState.message).toMatch(
      /kubernetes\/overlays\/staging\/missing\.yaml does not exist/,
    );
    expect(await apiPods('aks-ntai-staging-eastus')).toEqual({
      replicas: 2,
      pods: 2,
    });
  }, 120_000);

  it('lists by label selector, refuses a missing token and names unknown apps like Argo CD', async () => {
    sandbox = await startTestSandbox({
      argocd: { remote: path.join(tmp, 'none.git') },
    });
    const list = await api(
      `/api/v1/applications?selector=${encodeURIComponent(
        'nt-infra.io/environment=staging',
      )}`,
    );
    expect(list.status).toBe(200);
    expect(list.body.items.map((a: any) => a.metadata.name).sort()).toEqual([
      'ntai-staging-eastus',
      'ntai-staging-westus',
    ]);
    // No repository yet: a comparison error, not a made-up revision.
    expect(list.body.items[0].status.sync.status).toBe('Unknown');
    expect(list.body.items[0].status.conditions[0].type).toBe(
      'ComparisonError',
    );

    const none = await api(
      `/api/v1/applications?selector=${encodeURIComponent(
        'nt-infra.io/environment=qa',
      )}`,
    );
    expect(none.body.items).toBeNull();

    const unauthorized = await api('/api/v1/applications', {}, 'wrong');
    expect(unauthorized).toEqual({
      status: 401,
      body: {
        error: 'invalid session: token is invalid',
        code: 16,
        message: 'invalid session: token is invalid',
      },
    });
    const badRevision = await api(
      '/api/v1/applications/ntai-production-eastus/sync',
      { method: 'POST', body: JSON.stringify({ revision: 'v1; rm -rf' }) },
    );
    expect(badRevision.status).toBe(400);
    expect(badRevision.body.message).toMatch(
      /must be main, HEAD or a full commit SHA/,
    );
    const missing = await api('/api/v1/applications/ntai-qa-eastus');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe(5);
  });
});
