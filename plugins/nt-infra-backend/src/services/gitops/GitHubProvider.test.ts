import { writeFile } from 'fs/promises';
import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { git } from './git';
import { GitHubProvider } from './GitHubProvider';
import { createFixtureRepo } from './__testUtils__/fixtureRepo';

jest.setTimeout(30_000);

const API = 'https://api.github.test';
const REPO = `${API}/repos/ntai/platform`;
const FILE = 'terraform/azure/multi-region/production.tfvars';

describe('GitHubProvider', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  async function prepare() {
    const fixture = await createFixtureRepo();
    const provider = await GitHubProvider.create(
      {
        owner: 'ntai',
        repo: 'platform',
        baseBranch: 'main',
        baseUrl: API,
        token: 'test-token',
      },
      fixture.root,
    );
    const ws = await provider.checkout();
    const baseBlob = (await git(ws.dir, ['rev-parse', `HEAD:${FILE}`])).trim();
    const text = await git(ws.dir, ['show', `HEAD:${FILE}`]);
    await writeFile(
      `${ws.dir}/${FILE}`,
      text.replace('dns_ttl_seconds    = 60', 'dns_ttl_seconds    = 30'),
    );
    await git(ws.dir, [
      'commit',
      '--quiet',
      '-am',
      'Traffic Manager settings\n\nRequested-by: user:default/alice',
    ]);
    return { fixture, provider, ws, baseBlob };
  }

  function handlers(
    baseBlob: string,
    calls: Array<{ method: string; path: string; body?: unknown }>,
  ) {
    const record = async (request: Request) => {
      const body = request.method === 'GET' ? undefined : await request.json();
      calls.push({
        method: request.method,
        path: new URL(request.url).pathname,
        body,
      });
      expect(request.headers.get('authorization')).toBe('token test-token');
      return body as Record<string, unknown>;
    };
    return [
      http.get(`${REPO}/contents/*`, async ({ request }) => {
        await record(request);
        return HttpResponse.json({ type: 'file', path: FILE, sha: baseBlob });
      }),
      // Octokit encodes the ref's slash (heads%2Fmain), as GitHub accepts.
      http.get(`${REPO}/git/ref/*`, async ({ request }) => {
        await record(request);
        return HttpResponse.json({
          ref: 'refs/heads/main',
          object: { sha: 'base-commit', type: 'commit' },
        });
      }),
      http.get(`${REPO}/git/commits/base-commit`, async ({ request }) => {
        await record(request);
        return HttpResponse.json({
          sha: 'base-commit',
          tree: { sha: 'base-tree' },
        });
      }),
      http.post(`${REPO}/git/blobs`, async ({ request }) => {
        await record(request);
        return HttpResponse.json({ sha: 'blob-1' }, { status: 201 });
      }),
      http.post(`${REPO}/git/trees`, async ({ request }) => {
        await record(request);
        return HttpResponse.json({ sha: 'tree-1' }, { status: 201 });
      }),
      http.post(`${REPO}/git/commits`, async ({ request }) => {
        await record(request);
        return HttpResponse.json({ sha: 'commit-1' }, { status: 201 });
      }),
      http.post(`${REPO}/git/refs`, async ({ request }) => {
        await record(request);
        return HttpResponse.json(
          { ref: 'refs/heads/x', object: { sha: 'commit-1' } },
          { status: 201 },
        );
      }),
      http.post(`${REPO}/pulls`, async ({ request }) => {
        await record(request);
        return HttpResponse.json(
          { number: 42, html_url: 'https://github.test/ntai/platform/pull/42' },
          { status: 201 },
        );
      }),
      http.post(`${REPO}/issues/42/labels`, async ({ request }) => {
        await record(request);
        return HttpResponse.json([{ name: 'nt-infra' }]);
      }),
    ];
  }

  const publishRequest = {
    branch: 'nt-infra/traffic-manager/abc',
    title: 'Traffic Manager settings for production',
    body: 'Why: faster failover',
    labels: ['nt-infra', 'gitops:traffic-manager'],
    files: [FILE],
  };

  it('opens a pull request through the git data API with the exact payloads', async () => {
    const { fixture, provider, ws, baseBlob } = await prepare();
    const calls: Array<{ method: string; path: string; body?: unknown }> = [];
    server.use(...handlers(baseBlob, calls));
    try {
      const published = await provider.publish(ws, publishRequest);
      expect(published).toEqual({
        branch: publishRequest.branch,
        headSha: 'commit-1',
        pullRequestNumber: 42,
        pullRequestUrl: 'https://github.test/ntai/platform/pull/42',
      });
      expect(calls.map(c => `${c.method} ${c.path}`)).toEqual([
        // Octokit percent-encodes the path parameter; GitHub decodes it.
        `GET /repos/ntai/platform/contents/${encodeURIComponent(FILE)}`,
        'GET /repos/ntai/platform/git/ref/heads%2Fmain',
        'GET /repos/ntai/platform/git/commits/base-commit',
        'POST /repos/ntai/platform/git/blobs',
        'POST /repos/ntai/platform/git/trees',
        'POST /repos/ntai/platform/git/commits',
        'POST /repos/ntai/platform/git/refs',
        'POST /repos/ntai/platform/pulls',
        'POST /repos/ntai/platform/issues/42/labels',
      ]);
      const bodies = calls.map(c => c.body);
      expect(
        (bodies[3] as { content: string; encoding: string }).encoding,
      ).toBe('utf-8');
      expect((bodies[3] as { content: string }).content).toContain(
        'dns_ttl_seconds    = 30',
      );
      expect(bodies[4]).toEqual({
        base_tree: 'base-tree',
        tree: [{ path: FILE, mode: '100644', type: 'blob', sha: 'blob-1' }],
      });
      expect(bodies[5]).toEqual({
        message: 'Traffic Manager settings\n\nRequested-by: user:default/alice',
        tree: 'tree-1',
        parents: ['base-commit'],
      });
      expect(bodies[6]).toEqual({
        ref: `refs/heads/${publishRequest.branch}`,
        sha: 'commit-1',
      });
      expect(bodies[7]).toEqual({
        title: publishRequest.title,
        head: publishRequest.branch,
        base: 'main',
        body: publishRequest.body,
      });
      expect(bodies[8]).toEqual({ labels: publishRequest.labels });
    } finally {
      await ws.cleanup();
      await fixture.cleanup();
    }
  });

  it('surfaces a 422 from GitHub with its reason', async () => {
    const { fixture, provider, ws, baseBlob } = await prepare();
    server.use(
      http.post(`${REPO}/pulls`, () =>
        HttpResponse.json(
          {
            message: 'Validation Failed',
            errors: [
              {
                resource: 'PullRequest',
                code: 'custom',
                message: 'A pull request already exists for ntai:x.',
              },
            ],
          },
          { status: 422 },
        ),
      ),
      ...handlers(baseBlob, []),
    );
    try {
      await expect(provider.publish(ws, publishRequest)).rejects.toThrow(
        'GitHub refused to open the pull request (422): Validation Failed — A pull request already exists for ntai:x.',
      );
    } finally {
      await ws.cleanup();
      await fixture.cleanup();
    }
  });

  it('refuses when the file on GitHub is not the one the change was computed from', async () => {
    const { fixture, provider, ws } = await prepare();
    server.use(...handlers('someone-elses-blob', []));
    try {
      await expect(provider.publish(ws, publishRequest)).rejects.toThrow(
        /differs from the portal's checkout/,
      );
    } finally {
      await ws.cleanup();
      await fixture.cleanup();
    }
  });
});
