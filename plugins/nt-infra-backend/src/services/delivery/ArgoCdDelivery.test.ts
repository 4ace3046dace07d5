import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { ChangeRequest } from '@internal/plugin-nt-infra-common';
import {
  argoApplication,
  ArgoApplicationInput,
  argoApplicationList,
  argoError,
  argoErrorStatus,
} from '@internal/sandbox';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { UpstreamCache } from '../UpstreamCache';
import { ArgoCdClient } from './ArgoCdClient';
import { DeliveryService } from './DeliveryService';
import { LocalRevisionGraph } from './LocalRevisionGraph';
import { createHistoryRepo } from './__testUtils__/historyRepo';

jest.setTimeout(30_000);

const ARGO = 'https://argocd.test';
const APPS = `${ARGO}/api/v1/applications`;
const TARGETS = ['staging', 'production'].flatMap(environment =>
  ['eastus', 'westus'].map(region => ({ environment, region })),
);
const AT = '2026-11-26T10:00:00Z';

function app(
  environment: string,
  region: string,
  status: Partial<ArgoApplicationInput>,
) {
  return argoApplication({
    name: `ntai-${environment}-${region}`,
    labels: {
      'app.kubernetes.io/part-of': 'ntai',
      'nt-infra.io/environment': environment,
      'nt-infra.io/region': region,
    },
    repoURL: 'https://github.com/ntai/platform.git',
    path: `kubernetes/overlays/${environment}`,
    destination: {
      name: `aks-ntai-${environment}-${region}`,
      namespace: 'ntai',
    },
    automated:
      environment === 'staging' ? { prune: true, selfHeal: true } : undefined,
    sync: { status: 'Synced' },
    health: { status: 'Healthy' },
    ...status,
  });
}

function mergedChange(mergedSha: string): ChangeRequest {
  return {
    id: '5f0c6f0e-8d7e-4a43-9f5e-0d7c4c6b1a11',
    kind: 'scale-workload',
    title: 'Scale ntai-api',
    state: 'merged',
    provider: 'local',
    requestedBy: 'user:default/alice',
    params: {},
    reason: 'peak',
    diff: '',
    checks: [],
    mergedSha,
    createdAt: AT,
    updatedAt: AT,
    transitions: [
      { to: 'open', actor: 'user:default/alice', reason: 'r', at: AT },
      {
        from: 'approved',
        to: 'merged',
        actor: 'user:default/bob',
        reason: 'ff',
        at: '2026-11-26T10:05:00Z',
      },
    ],
  };
}

describe('delivery from Argo CD', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  let repo: Awaited<ReturnType<typeof createHistoryRepo>>;

  beforeAll(async () => {
    repo = await createHistoryRepo();
  });
  afterAll(() => repo.cleanup());

  function service(
    options: { cache?: UpstreamCache; timeoutMs?: number } = {},
  ) {
    return new DeliveryService({
      targets: () => TARGETS,
      graph: new LocalRevisionGraph(repo.remote, 'main'),
      cache: options.cache ?? new UpstreamCache({ refreshMs: 0 }),
      argocd: new ArgoCdClient(
        {
          baseUrl: ARGO,
          token: 'argo-token',
          appLabelSelector: 'app.kubernetes.io/part-of=ntai',
          timeoutMs: options.timeoutMs ?? 2000,
          maxRetries: 2,
          retryDelayMs: 5,
        },
        mockServices.logger.mock(),
      ),
    });
  }

  it('derives each target from sync, health, operation and git ancestry of the synced revision', async () => {
    const requests: Array<{ auth: string | null; selector: string | null }> =
      [];
    server.use(
      http.get(APPS, ({ request }) => {
        requests.push({
          auth: request.headers.get('authorization'),
          selector: new URL(request.url).searchParams.get('selector'),
        });
        return HttpResponse.json(
          argoApplicationList([
            // Synced to a later commit: it contains the change.
            app('staging', 'eastus', {
              sync: { status: 'Synced', revision: repo.later },
              history: [
                {
                  id: 3,
                  revision: repo.later,
                  deployStartedAt: AT,
                  deployedAt: '2026-11-26T10:06:00Z',
                },
              ],
            }),
            // Syncing to the change right now.
            app('staging', 'westus', {
              sync: { status: 'OutOfSync', revision: repo.merged },
              health: { status: 'Progressing' },
              operationState: {
                phase: 'Running',
                revision: repo.merged,
                startedAt: AT,
                initiatedBy: { automated: true },
              },
              history: [
                {
                  id: 1,
                  revision: repo.c1,
                  deployStartedAt: AT,
                  deployedAt: AT,
                },
              ],
            }),
            // Manual sync: still at the commit before the change.
            app('production', 'eastus', {
              sync: { status: 'OutOfSync', revision: repo.later },
              history: [
                {
                  id: 1,
                  revision: repo.c1,
                  deployStartedAt: AT,
                  deployedAt: AT,
                },
              ],
            }),
            // Synced to a commit of another line of history: not applied, however recent.
            app('production', 'westus', {
              sync: { status: 'Synced', revision: repo.side },
            }),
          ]),
        );
      }),
    );

    const delivery = await service().forChange(mergedChange(repo.merged));

    expect(requests[0]).toEqual({
      auth: 'Bearer argo-token',
      selector: 'app.kubernetes.io/part-of=ntai',
    });
    expect(delivery.mergedSha).toBe(repo.merged);
    expect(delivery.mergedAt).toBe('2026-11-26T10:05:00Z');
    const byTarget = Object.fromEntries(
      delivery.targets.map(t => [`${t.environment}/${t.region}`, t]),
    );
    expect(byTarget['staging/eastus']).toMatchObject({
      state: 'applied',
      sources: [
        {
          source: 'argocd',
          state: 'applied',
          revision: repo.later,
          syncStatus: 'Synced',
          healthStatus: 'Healthy',
          deliveredAt: '2026-11-26T10:06:00Z',
          url: `${ARGO}/applications/ntai-staging-eastus`,
        },
      ],
    });
    expect(byTarget['staging/westus']).toMatchObject({
      state: 'applying',
      sources: [{ revision: repo.merged, startedAt: AT }],
    });
    expect(byTarget['production/eastus']).toMatchObject({
      state: 'awaiting-approval',
      sources: [{ revision: repo.c1, syncStatus: 'OutOfSync' }],
    });
    expect(byTarget['production/westus'].state).toBe('awaiting-approval');
    expect(byTarget['production/westus'].sources[0].observedAt).toBeDefined();
  });

  it('reports a failed sync and a degraded app as failed, with the reason', async () => {
    server.use(
      http.get(APPS, () =>
        HttpResponse.json(
          argoApplicationList([
            app('staging', 'eastus', {
              sync: { status: 'OutOfSync', revision: repo.merged },
              operationState: {
                phase: 'Failed',
                message: 'one or more objects failed to apply',
                revision: repo.merged,
                startedAt: AT,
                finishedAt: AT,
                initiatedBy: { automated: true },
              },
            }),
            app('staging', 'westus', {
              sync: { status: 'Synced', revision: repo.merged },
              health: {
                status: 'Degraded',
                message: 'Deployment ntai-api: 0/3',
              },
            }),
          ]),
        ),
      ),
    );
    const delivery = await service().forChange(mergedChange(repo.merged));
    const [eastus, westus, prodEast] = delivery.targets;
    expect(eastus).toMatchObject({
      state: 'failed',
      reason: 'sync failed: one or more objects failed to apply',
    });
    expect(westus).toMatchObject({
      state: 'failed',
      reason: 'synced but Degraded: Deployment ntai-api: 0/3',
    });
    // No application for the target: unknown, not pending.
    expect(prodEast).toMatchObject({
      state: 'unknown',
      reason: 'no Argo CD application for production/eastus',
    });
  });

  it('turns a 5xx after the bounded retries into unknown with the reason', async () => {
    let calls = 0;
    server.use(
      http.get(APPS, () => {
        calls++;
        return HttpResponse.json(
          argoError('unavailable', 'connection refused by repo-server'),
          { status: argoErrorStatus('unavailable') },
        );
      }),
    );
    const delivery = await service().forChange(mergedChange(repo.merged));
    expect(calls).toBe(3);
    for (const target of delivery.targets) {
      expect(target.state).toBe('unknown');
      expect(target.reason).toBe(
        `Argo CD could not be read: Argo CD ${ARGO} answered 503: connection refused by repo-server`,
      );
    }
  });

  it('does not retry a refused token', async () => {
    let calls = 0;
    server.use(
      http.get(APPS, () => {
        calls++;
        return HttpResponse.json(
          argoError('unauthenticated', 'invalid session'),
          {
            status: 401,
          },
        );
      }),
    );
    const [target] = (await service().forChange(mergedChange(repo.merged)))
      .targets;
    expect(calls).toBe(1);
    expect(target.reason).toContain('answered 401: invalid session');
  });

  it('turns a timeout into unknown, and a later failure never shows the last answer as fresh', async () => {
    let now = Date.parse('2026-11-26T10:10:00Z');
    const cache = new UpstreamCache({ refreshMs: 1000, now: () => now });
    const delivery = service({ cache, timeoutMs: 100 });
    let slow = false;
    server.use(
      http.get(APPS, async () => {
        if (slow) await delay(1000);
        return HttpResponse.json(
          argoApplicationList([
            app('staging', 'eastus', {
              sync: { status: 'Synced', revision: repo.later },
            }),
          ]),
        );
      }),
    );
    const fresh = await delivery.forChange(mergedChange(repo.merged));
    expect(fresh.targets[0].state).toBe('applied');

    slow = true;
    now += 5000;
    const stale = await delivery.forChange(mergedChange(repo.merged));
    expect(stale.targets[0]).toMatchObject({
      state: 'unknown',
      reason: `Argo CD could not be read (Argo CD ${ARGO} did not answer within 100 ms); last answer at 2026-11-26T10:10:00.000Z`,
    });
    expect(stale.targets[0].sources[0].revision).toBeUndefined();
  });

  it('shows nothing for a change that is not merged yet', async () => {
    const open = { ...mergedChange(repo.merged), state: 'open' as const };
    delete open.mergedSha;
    expect(await service().forChange(open)).toMatchObject({ targets: [] });
  });

  it('summarises what each region runs against the head of main', async () => {
    server.use(
      http.get(APPS, () =>
        HttpResponse.json(
          argoApplicationList([
            app('staging', 'eastus', {
              sync: { status: 'Synced', revision: repo.later },
            }),
            app('staging', 'westus', {
              sync: { status: 'Synced', revision: repo.later },
            }),
            app('production', 'eastus', {
              sync: { status: 'OutOfSync', revision: repo.later },
              history: [
                {
                  id: 1,
                  revision: repo.c1,
                  deployStartedAt: AT,
                  deployedAt: AT,
                },
              ],
            }),
            app('production', 'westus', {
              sync: { status: 'Synced', revision: repo.later },
            }),
          ]),
        ),
      ),
    );
    const summary = await service().summary();
    expect(summary.mainSha).toBe(repo.later);
    expect(summary.fullyDelivered).toBe(false);
    expect(
      summary.targets.map(t => [t.environment, t.region, t.state]),
    ).toEqual([
      ['staging', 'eastus', 'current'],
      ['staging', 'westus', 'current'],
      ['production', 'eastus', 'behind'],
      ['production', 'westus', 'current'],
    ]);
    expect(summary.targets[2].sources[0]).toMatchObject({
      state: 'awaiting-approval',
      revision: repo.c1,
    });
    const staging = await service().summary('staging');
    expect(staging.fullyDelivered).toBe(true);
  });
});
