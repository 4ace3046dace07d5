import {
  mockServices,
  registerMswTestHooks,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { promVector } from '@internal/sandbox';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { DatabaseAuditStore } from '../../database/DatabaseAuditStore';
import { DatabaseRunStore } from '../../database/DatabaseRunStore';
import { HaltStore } from '../../database/HaltStore';
import { MIGRATIONS_DIRECTORY } from '../../database/migrateDatabase';
import { KubernetesClusterProvider } from '../../providers/clusters/KubernetesClusterProvider';
import { clusterBlastRadius } from '../chaos/clusterBlastRadius';
import { PrometheusMetricsProvider } from '../../providers/metrics/PrometheusMetricsProvider';
import { ChaosRunHandler } from '../chaosRuns/ChaosRunHandler';
import { EnvironmentCatalog } from '../EnvironmentCatalog';
import { metricsErrorBudget } from '../health';
import { RunReconciler } from '../runs/RunReconciler';
import { windowPort } from '../windows';
import { createTestWindowService } from '../windows/__testUtils__/createTestWindowService';
import {
  ALICE,
  BOB,
  POD_FAILURE,
  windowRequest,
} from '../windows/__testUtils__/windowFixtures';
import { readRunPolicySettings } from './runPolicySettings';
import { RunPolicy } from './RunPolicy';

jest.setTimeout(30_000);

const PROMETHEUS = 'http://prometheus.test';
/** Inside the fixture window (2026-12-02 09:00–13:00) and after it. */
const IN_WINDOW = new Date('2026-12-02T10:00:00.000Z');
const AFTER_WINDOW = new Date('2026-12-02T13:00:00.000Z');

const config = new ConfigReader({
  ntInfra: {
    prometheus: { baseUrl: PROMETHEUS, maxRetries: 0 },
    environments: [
      {
        name: 'production',
        trafficManager: {
          subscriptionId: '00000000-0000-0000-0000-000000000000',
          resourceGroup: 'rg-ntai-production-global',
          profileName: 'tm-ntai-production',
        },
        regions: [
          {
            name: 'eastus',
            displayName: 'East US',
            role: 'primary',
            trafficManagerEndpoint: 'eastus',
            cluster: 'aks-ntai-production-eastus',
          },
          {
            name: 'westus',
            displayName: 'West US',
            role: 'secondary',
            trafficManagerEndpoint: 'westus',
            cluster: 'aks-ntai-production-westus',
          },
        ],
      },
    ],
  },
});

describe('RunPolicy', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  const prometheus = setupServer();
  registerMswTestHooks(prometheus);
  /** Burn rate over the budget window per region, as Prometheus answers it. */
  let burnRates: Record<string, number>;

  beforeEach(() => {
    burnRates = { eastus: 0.2, westus: 0.2 };
    prometheus.use(
      http.post(`${PROMETHEUS}/api/v1/query`, () =>
        HttpResponse.json(
          promVector(
            Object.entries(burnRates).map(([region, value]) => ({
              metric: { region },
              value: [Date.parse('2026-12-02T10:00:00Z') / 1000, value],
            })),
          ),
        ),
      ),
    );
  });

  async function setup() {
    const knex = await databases.init('SQLITE_3');
    await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
    const audit = new DatabaseAuditStore(knex);
    const halt = new HaltStore(knex);
    const runs = new DatabaseRunStore(knex);
    const windows = await createTestWindowService(databases);
    const logger = mockServices.logger.mock();
    const metrics = PrometheusMetricsProvider.fromConfig(config, { logger });
    let now = IN_WINDOW;
    const policy = new RunPolicy({
      settings: readRunPolicySettings(config),
      windows: windowPort(windows.service),
      errorBudget: metricsErrorBudget({
        metrics,
        environments: EnvironmentCatalog.fromConfig(config),
        budgetWindow: '3d',
      }),
      halt,
      // No cluster is configured: a test that reached one would fail.
      blastRadius: clusterBlastRadius(
        KubernetesClusterProvider.fromConfig(config, { logger }),
      ),
      audit,
      now: () => now,
    });
    const openWindow = async (experiment = POD_FAILURE) => {
      const requested = await windows.service.request(
        ALICE,
        windowRequest({}, { experiments: [experiment], regions: ['eastus'] }),
      );
      return windows.service.approve(BOB, requested.id, 'go');
    };
    const denied = async () =>
      (await audit.list({ limit: 10 })).items
        .filter(e => e.decision === 'denied')
        // Oldest first; within a millisecond, by action.
        .sort(
          (x, y) =>
            x.at.localeCompare(y.at) || y.action.localeCompare(x.action),
        );
    return {
      knex,
      policy,
      halt,
      runs,
      audit,
      logger,
      metrics,
      openWindow,
      denied,
      setNow: (at: Date) => {
        now = at;
      },
    };
  }

  const chaosProposal = {
    environment: 'production' as const,
    regions: ['eastus'],
    experimentId: POD_FAILURE,
    requestedBy: ALICE,
    blastRadius: [{ region: 'eastus', targets: 1, matching: 10 }],
    stopConditions: [],
    durationSeconds: 300,
  };

  it('refuses a window-less production failover test by the same rules, audit row and 409 as chaos', async () => {
    const { policy, denied } = await setup();
    const failover = await policy.evaluate({
      kind: 'failover',
      environment: 'production',
      regions: ['eastus'],
      requestedBy: ALICE,
    });
    await expect(
      policy.enforce(failover, ALICE, {
        action: 'failover.run.start',
        targetType: 'environment',
        targetId: 'production',
      }),
    ).rejects.toMatchObject({
      name: 'ConflictError',
      message:
        'Refused by policy: no approved production window covers a failover test of eastus now (its limits must list RegionFailover/traffic-manager/failover-test)',
    });
    const chaos = await policy.evaluateChaos(chaosProposal);
    await expect(
      policy.enforce(chaos, ALICE, {
        action: 'chaos.run.start',
        targetType: 'environment',
        targetId: 'production/eastus',
      }),
    ).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringMatching(
        /^Refused by policy: no approved production chaos window covers this experiment/,
      ),
    });
    expect(
      (await denied()).map(e => [e.action, e.actor, e.reason.split(' (')[0]]),
    ).toEqual([
      [
        'failover.run.start',
        ALICE,
        'no approved production window covers a failover test of eastus now',
      ],
      [
        'chaos.run.start',
        ALICE,
        expect.stringContaining('no approved production chaos window'),
      ],
    ]);
  });

  it('asks the upstream only when nothing else refuses', async () => {
    const { policy, halt } = await setup();
    await halt.set(true, ALICE, 'incident');
    const lateCheck = jest.fn(async () => 'the secondary is Degraded');
    const decision = await policy.evaluate({
      kind: 'gameday',
      environment: 'staging',
      regions: ['eastus'],
      requestedBy: ALICE,
      lateCheck,
    });
    expect(decision.reasons).toEqual([
      'halt-all is engaged: no run may start until it is released',
    ]);
    expect(lateCheck).not.toHaveBeenCalled();
  });

  it('reads the error budget from the burn-rate rule, not the region view', async () => {
    const { policy, openWindow } = await setup();
    await openWindow();
    expect((await policy.evaluateChaos(chaosProposal)).allowed).toBe(true);
    burnRates.eastus = 1.2;
    expect((await policy.evaluateChaos(chaosProposal)).reasons).toEqual([
      'eastus: error budget exhausted',
    ]);
    delete burnRates.eastus;
    expect((await policy.evaluateChaos(chaosProposal)).reasons).toEqual([
      'eastus: error budget unknown (metrics unavailable)',
    ]);
  });

  it('evaluates again at start: a run admitted in its window does not start after it', async () => {
    const { policy, openWindow, runs, halt, logger, metrics, setNow, audit } =
      await setup();
    const window = await openWindow();
    const decision = await policy.evaluateChaos(chaosProposal);
    expect(decision.allowed).toBe(true);
    const { run } = await runs.createRun({
      kind: 'chaos',
      environment: 'production',
      regions: ['eastus'],
      title: 'API pod failure',
      experimentRef: POD_FAILURE,
      requestedBy: ALICE,
      params: {
        windowId: window.id,
        windowEndsAt: window.endsAt,
        plans: [{ region: 'eastus', cluster: 'aks-ntai-production-eastus' }],
      },
      state: 'approved',
      reason: `inside approved window ${window.id}`,
    });
    // The reconciler picks it up only after the window ended.
    setNow(AFTER_WINDOW);
    const reconciler = new RunReconciler({
      runs,
      halt,
      policy,
      logger,
      handlers: [
        new ChaosRunHandler({
          // No cluster is configured: the run must end before touching one.
          clusters: KubernetesClusterProvider.fromConfig(config, { logger }),
          metrics,
          logger,
        }),
      ],
    });
    await reconciler.tick();
    const after = await runs.getRun(run.id);
    expect(after).toMatchObject({ state: 'aborted' });
    expect(after!.transitions.at(-1)!.reason).toBe(
      'refused by policy at start: no approved production chaos window covers this experiment, its regions and the current time; nothing was applied',
    );
    expect(after!.outcome?.applied).toBeUndefined();
    // The refusal is a decision of the trail, as a refused request is.
    const [refusal] = (await audit.list({ limit: 10, decision: 'denied' }))
      .items;
    expect(refusal).toMatchObject({
      actor: 'nt-infra',
      action: 'chaos.run.start',
      targetType: 'run',
      targetId: run.id,
      reason: expect.stringMatching(
        /^at start: no approved production chaos window/,
      ),
      details: { environment: 'production', requestedBy: ALICE },
    });
  });

  it('at start, refuses on halt, a window gone and an exhausted budget', async () => {
    const { policy, openWindow, runs, halt, setNow } = await setup();
    const window = await openWindow();
    const { run } = await runs.createRun({
      kind: 'chaos',
      environment: 'production',
      regions: ['eastus'],
      title: 'API pod failure',
      experimentRef: POD_FAILURE,
      requestedBy: ALICE,
      params: { windowId: window.id, windowEndsAt: window.endsAt },
      state: 'approved',
      reason: 'inside window',
    });
    const detail = (await runs.getRun(run.id))!;
    expect(await policy.atStart(detail)).toBeUndefined();

    await halt.set(true, BOB, 'incident');
    burnRates.eastus = 1.5;
    setNow(AFTER_WINDOW);
    expect(await policy.atStart(detail)).toBe(
      [
        'halt-all is engaged: no run may start until it is released',
        'no approved production chaos window covers this experiment, its regions and the current time',
        'eastus: error budget exhausted',
      ].join('; '),
    );
  });

  it('while running, says stop once the window the run carries has ended', async () => {
    const { policy, runs } = await setup();
    const { run } = await runs.createRun({
      kind: 'failover',
      environment: 'production',
      regions: ['eastus', 'westus'],
      title: 'Failover test',
      requestedBy: ALICE,
      params: { windowId: 'w-1', windowEndsAt: '2026-12-02T13:00:00.000Z' },
      state: 'approved',
      reason: 'inside window',
    });
    const detail = (await runs.getRun(run.id))!;
    expect(
      policy.whileRunning(detail, new Date('2026-12-02T12:59:59.000Z')),
    ).toBeUndefined();
    expect(policy.whileRunning(detail, AFTER_WINDOW)).toBe(
      'production window w-1 ended at 2026-12-02T13:00:00.000Z',
    );
  });
});
