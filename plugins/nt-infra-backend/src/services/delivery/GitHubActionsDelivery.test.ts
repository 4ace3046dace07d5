import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { ChangeRequest } from '@internal/plugin-nt-infra-common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { UpstreamCache } from '../UpstreamCache';
import { argoApplication, argoApplicationList } from '@internal/sandbox';
import { createDelivery } from '../../capabilities/createDelivery';
import { DeliveryService } from './DeliveryService';
import { environmentOfJob, GitHubActionsClient } from './GitHubActionsClient';

const API = 'https://api.github.test';
const REPO = `${API}/repos/ntai/platform`;
const WORKFLOW = '.github/workflows/iac-deliver.yml';
const sha = (c: string) => c.repeat(40);
/** Commits on main, oldest first: before the change, the change's merge, after it. */
const BEFORE = sha('a');
const MERGE = sha('b');
const AFTER = sha('c');
const ORDER = [BEFORE, MERGE, AFTER];

/** A workflow run as `GET /repos/{o}/{r}/actions/runs` lists it (the fields that matter, real names). */
function run(
  id: number,
  headSha: string,
  status: string,
  conclusion: string | null,
  createdAt: string,
  path = WORKFLOW,
) {
  return {
    id,
    name: 'IaC delivery',
    node_id: `WFR_${id}`,
    head_branch: 'main',
    head_sha: headSha,
    path,
    display_title: 'Scale ntai-api',
    run_number: id,
    event: 'push',
    status,
    conclusion,
    workflow_id: 4242,
    url: `${REPO}/actions/runs/${id}`,
    html_url: `https://github.com/ntai/platform/actions/runs/${id}`,
    created_at: createdAt,
    updated_at: createdAt,
    run_attempt: 1,
    run_started_at: createdAt,
    jobs_url: `${REPO}/actions/runs/${id}/jobs`,
    head_commit: { id: headSha, message: 'change' },
    repository: { id: 1, name: 'platform', full_name: 'ntai/platform' },
  };
}

/** A job as `GET /repos/{o}/{r}/actions/runs/{id}/jobs` lists it. */
function job(
  runId: number,
  id: number,
  name: string,
  status: string,
  conclusion: string | null,
) {
  return {
    id,
    run_id: runId,
    run_url: `${REPO}/actions/runs/${runId}`,
    node_id: `CR_${id}`,
    head_sha: sha('0'),
    url: `${REPO}/actions/jobs/${id}`,
    html_url: `https://github.com/ntai/platform/actions/runs/${runId}/job/${id}`,
    status,
    conclusion,
    created_at: '2026-11-26T10:00:00Z',
    started_at: status === 'queued' ? null : '2026-11-26T10:01:00Z',
    completed_at: status === 'completed' ? '2026-11-26T10:04:00Z' : null,
    name,
    steps: [],
    labels: ['ubuntu-latest'],
    runner_id: null,
    runner_name: null,
    workflow_name: 'IaC delivery',
    head_branch: 'main',
  };
}

function mergedPullRequest(): ChangeRequest {
  const at = '2026-11-26T09:00:00Z';
  return {
    id: '0b0c6f0e-8d7e-4a43-9f5e-0d7c4c6b1a22',
    kind: 'traffic-manager',
    title: 'Traffic Manager settings',
    state: 'merged',
    provider: 'github',
    requestedBy: 'user:default/alice',
    pullRequestNumber: 7,
    pullRequestUrl: 'https://github.com/ntai/platform/pull/7',
    params: {},
    reason: 'faster failover',
    diff: '',
    checks: [],
    createdAt: at,
    updatedAt: at,
    transitions: [
      { to: 'open', actor: 'user:default/alice', reason: 'r', at },
      { from: 'open', to: 'merged', actor: 'github', reason: 'merged', at },
    ],
  };
}

describe('delivery from GitHub Actions', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  function setup() {
    const client = GitHubActionsClient.create(
      {
        owner: 'ntai',
        repo: 'platform',
        baseBranch: 'main',
        baseUrl: API,
        token: 'gh-token',
        workflowPath: WORKFLOW,
        timeoutMs: 2000,
        maxRetries: 1,
        retryDelayMs: 5,
      },
      mockServices.logger.mock(),
    );
    const service = new DeliveryService({
      targets: () => [
        { environment: 'staging', region: 'eastus' },
        { environment: 'production', region: 'eastus' },
        { environment: 'production', region: 'westus' },
      ],
      graph: client,
      cache: new UpstreamCache({ refreshMs: 0 }),
      actions: client,
      pullRequests: client,
    });
    return service;
  }

  const authorizations: Array<string | null> = [];

  /** The compare API, answered from the linear history in ORDER. */
  const compare = http.get(
    `${REPO}/compare/:basehead`,
    ({ params, request }) => {
      authorizations.push(request.headers.get('authorization'));
      const [base, head] = String(params.basehead).split('...');
      const b = ORDER.indexOf(base);
      const h = ORDER.indexOf(head);
      if (b < 0 || h < 0) {
        return HttpResponse.json({ message: 'Not Found' }, { status: 404 });
      }
      let status = 'identical';
      if (h > b) status = 'ahead';
      else if (h < b) status = 'behind';
      return HttpResponse.json({
        status,
        ahead_by: Math.max(0, h - b),
        behind_by: Math.max(0, b - h),
        total_commits: Math.max(0, h - b),
        commits: [],
        files: [],
      });
    },
  );
  const pull = http.get(`${REPO}/pulls/7`, () =>
    HttpResponse.json({
      number: 7,
      state: 'closed',
      merged: true,
      merge_commit_sha: MERGE,
      html_url: 'https://github.com/ntai/platform/pull/7',
    }),
  );

  it('applied on staging by a later run, held at the production review gate', async () => {
    const listed: URLSearchParams[] = [];
    server.use(
      compare,
      pull,
      http.get(`${REPO}/actions/runs`, ({ request }) => {
        listed.push(new URL(request.url).searchParams);
        return HttpResponse.json({
          total_count: 3,
          workflow_runs: [
            run(103, AFTER, 'waiting', null, '2026-11-26T10:20:00Z'),
            // Another workflow on the same commit: not the IaC delivery.
            run(
              104,
              AFTER,
              'completed',
              'failure',
              '2026-11-26T10:21:00Z',
              '.github/workflows/iac-checks.yml',
            ),
            run(101, BEFORE, 'completed', 'success', '2026-11-26T08:00:00Z'),
          ],
        });
      }),
      http.get(`${REPO}/actions/runs/103/jobs`, () =>
        HttpResponse.json({
          total_count: 2,
          jobs: [
            job(103, 1, 'apply staging', 'completed', 'success'),
            job(103, 2, 'apply production', 'waiting', null),
          ],
        }),
      ),
      http.get(`${REPO}/actions/runs/103/pending_deployments`, () =>
        HttpResponse.json([
          {
            environment: {
              id: 161088068,
              node_id: 'MDExOkVudmlyb25tZW50MTYxMDg4MDY4',
              name: 'production',
              url: `${REPO}/environments/production`,
              html_url:
                'https://github.com/ntai/platform/deployments/activity_log?environments_filter=production',
            },
            wait_timer: 0,
            wait_timer_started_at: '2026-11-26T10:20:30Z',
            current_user_can_approve: false,
            reviewers: [
              {
                type: 'Team',
                reviewer: {
                  id: 1,
                  name: 'sre-approvers',
                  slug: 'sre-approvers',
                },
              },
            ],
          },
        ]),
      ),
      http.get(`${REPO}/actions/runs/101/jobs`, () =>
        HttpResponse.json({
          total_count: 2,
          jobs: [
            job(101, 3, 'apply staging', 'completed', 'success'),
            job(101, 4, 'apply production', 'completed', 'success'),
          ],
        }),
      ),
    );

    const delivery = await setup().forChange(mergedPullRequest());

    expect(authorizations.length).toBeGreaterThan(0);
    expect(new Set(authorizations)).toEqual(new Set(['token gh-token']));
    expect(listed[0].get('branch')).toBe('main');
    expect(listed[0].get('event')).toBe('push');
    expect(delivery.mergedSha).toBe(MERGE);
    const [staging, prodEast, prodWest] = delivery.targets;
    expect(staging).toMatchObject({
      state: 'applied',
      sources: [
        {
          source: 'github-actions',
          state: 'applied',
          revision: AFTER,
          deliveredAt: '2026-11-26T10:04:00Z',
          url: 'https://github.com/ntai/platform/actions/runs/103/job/1',
        },
      ],
    });
    for (const production of [prodEast, prodWest]) {
      expect(production).toMatchObject({
        state: 'awaiting-approval',
        reason: 'the production deployment waits for a required reviewer',
        sources: [
          {
            revision: AFTER,
            url: 'https://github.com/ntai/platform/actions/runs/103/job/2',
          },
        ],
      });
    }
  });

  it('a failed apply job fails the environment; a cancelled older run does not hide it', async () => {
    server.use(
      compare,
      pull,
      http.get(`${REPO}/actions/runs`, () =>
        HttpResponse.json({
          total_count: 2,
          workflow_runs: [
            run(202, AFTER, 'completed', 'failure', '2026-11-26T11:00:00Z'),
            run(201, MERGE, 'completed', 'cancelled', '2026-11-26T10:50:00Z'),
          ],
        }),
      ),
      http.get(`${REPO}/actions/runs/202/jobs`, () =>
        HttpResponse.json({
          total_count: 2,
          jobs: [
            job(202, 5, 'apply staging', 'completed', 'success'),
            job(202, 6, 'apply production', 'completed', 'failure'),
          ],
        }),
      ),
      http.get(`${REPO}/actions/runs/201/jobs`, () =>
        HttpResponse.json({
          total_count: 1,
          jobs: [job(201, 7, 'apply staging', 'completed', 'cancelled')],
        }),
      ),
    );
    const delivery = await setup().forChange(mergedPullRequest());
    expect(delivery.targets.map(t => t.state)).toEqual([
      'applied',
      'failed',
      'failed',
    ]);
    expect(delivery.targets[1].reason).toBe(
      'apply production ended in failure',
    );
  });

  it('turns a GitHub outage into unknown after one retry, with the reason', async () => {
    let calls = 0;
    server.use(
      pull,
      http.get(`${REPO}/actions/runs`, () => {
        calls++;
        return HttpResponse.json({ message: 'Server Error' }, { status: 502 });
      }),
    );
    const delivery = await setup().forChange(mergedPullRequest());
    expect(calls).toBe(2);
    for (const target of delivery.targets) {
      expect(target.state).toBe('unknown');
      expect(target.reason).toMatch(
        /^GitHub Actions could not be read: GitHub could not list workflow runs \(502/,
      );
    }
  });

  it('matches apply jobs to environments by the words of their names', () => {
    const environments = ['staging', 'production'];
    expect(environmentOfJob('apply production', environments)).toBe(
      'production',
    );
    expect(environmentOfJob('Apply (staging)', environments)).toBe('staging');
    expect(environmentOfJob('plan', environments)).toBeUndefined();
    expect(environmentOfJob('preproduction smoke', environments)).toBe(
      undefined,
    );
  });

  it("configured with Argo CD only (Actions off), still finds a pull request's merge commit", async () => {
    const config = mockServices.rootConfig({
      data: {
        ntInfra: {
          gitops: {
            provider: 'github',
            github: {
              owner: 'ntai',
              repo: 'platform',
              baseUrl: API,
              token: 'gh-token',
            },
            delivery: {
              refreshSeconds: 0,
              githubActions: { enabled: false },
              argocd: { baseUrl: 'https://argocd.test', token: 'argo-token' },
            },
          },
        },
      },
    });
    const runsListed: string[] = [];
    server.use(
      compare,
      pull,
      http.get(`${REPO}/actions/runs`, ({ request }) => {
        runsListed.push(request.url);
        return HttpResponse.json({ total_count: 0, workflow_runs: [] });
      }),
      http.get('https://argocd.test/api/v1/applications', () =>
        HttpResponse.json(
          argoApplicationList([
            argoApplication({
              name: 'ntai-production-eastus',
              repoURL: 'https://github.com/ntai/platform.git',
              path: 'kubernetes/overlays/production',
              destination: {
                name: 'aks-ntai-production-eastus',
                namespace: 'ntai',
              },
              sync: { status: 'Synced', revision: AFTER },
              health: { status: 'Healthy' },
            }),
          ]),
        ),
      ),
    );
    const { service } = createDelivery({
      config,
      logger: mockServices.logger.mock(),
      repoRoot: '/nonexistent',
      targets: () => [{ environment: 'production', region: 'eastus' }],
      gitops: { get: () => Promise.reject(new Error('not used here')) },
    });
    const delivery = await service.forChange(mergedPullRequest());
    expect(delivery.mergedSha).toBe(MERGE);
    // Found by its name, synced to a commit after the merge: applied.
    expect(delivery.targets).toMatchObject([
      {
        environment: 'production',
        region: 'eastus',
        state: 'applied',
        sources: [{ source: 'argocd', revision: AFTER }],
      },
    ]);
    expect(runsListed).toEqual([]);
  });
});
