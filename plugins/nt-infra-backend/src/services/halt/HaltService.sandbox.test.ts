import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';
import { startTestSandbox, TestSandbox } from '@internal/sandbox';
import { sandboxConfig } from '../../__testUtils__/sandboxConfig';
import { DatabaseAuditStore } from '../../database/DatabaseAuditStore';
import { HaltStore } from '../../database/HaltStore';
import { MIGRATIONS_DIRECTORY } from '../../database/migrateDatabase';
import { createTestDatabases } from '../../database/__testUtils__/testDatabases';
import { ChaosResource } from '../../providers/clusters/ClusterProvider';
import { KubernetesClusterProvider } from '../../providers/clusters/KubernetesClusterProvider';
import { HaltService } from './HaltService';

// One world for the file, and a cluster that is down (retries and backoff).
jest.setTimeout(60_000);

const EAST = 'aks-ntai-production-eastus';
const WEST = 'aks-ntai-production-westus';
const CHAOS = { group: 'chaos-mesh.org', version: 'v1alpha1' };

function podFailure(name: string, labels: Record<string, string> = {}) {
  return {
    apiVersion: 'chaos-mesh.org/v1alpha1',
    kind: 'PodChaos',
    metadata: { name, namespace: 'ntai', labels },
    spec: {
      action: 'pod-failure',
      mode: 'one',
      duration: '10m',
      selector: {
        namespaces: ['ntai'],
        labelSelectors: { 'app.kubernetes.io/name': 'ntai-api' },
      },
    },
  };
}

describe('halt-all when not everything answers', () => {
  const databases = createTestDatabases();
  let sandbox: TestSandbox;
  /** The cluster API as a person with kubectl sees it, not through the portal. */
  let custom: CustomObjectsApi;

  beforeAll(async () => {
    sandbox = await startTestSandbox({ speed: 20 });
    const kc = new KubeConfig();
    kc.loadFromFile(sandbox.endpoints.kubeconfigPath!);
    kc.setCurrentContext(EAST);
    custom = kc.makeApiClient(CustomObjectsApi);
  });
  afterAll(() => sandbox?.stop());

  /** The portal's view of the clusters, with westus's API server unreachable. */
  function clustersWithWestDown() {
    const config = sandboxConfig(sandbox.endpoints);
    const west = config.kubernetes.clusterLocatorMethods[0].clusters.find(
      c => c.name === WEST,
    )!;
    // Nothing listens on port 1: connections are refused, as for a cluster that is down.
    west.url = 'https://127.0.0.1:1';
    return KubernetesClusterProvider.fromConfig(new ConfigReader(config), {
      logger: mockServices.logger.mock(),
    });
  }

  const podChaosNames = async () =>
    (
      (await custom.listNamespacedCustomObject({
        ...CHAOS,
        namespace: 'ntai',
        plural: 'podchaos',
      })) as { items: ChaosResource[] }
    ).items.map(i => i.metadata.name);

  it.each(databases.eachSupportedId())(
    'engages, removes what the portal made, reports the cluster it could not reach and leaves foreign objects alone (%s)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
      const clusters = clustersWithWestDown();
      const audit = new DatabaseAuditStore(knex);
      const halt = new HaltService({
        store: new HaltStore(knex),
        clusters,
        audit,
        logger: mockServices.logger.mock(),
      });
      await sandbox.control('/reset', { method: 'POST' });
      // One fault the portal made (labelled by createChaos), one a person
      // applied by hand, and one with the label key but another owner.
      await clusters.createChaos(
        EAST,
        podFailure('nt-run-7-pod-failure') as unknown as ChaosResource,
        'run-7',
      );
      await custom.createNamespacedCustomObject({
        ...CHAOS,
        namespace: 'ntai',
        plural: 'podchaos',
        body: podFailure('sre-manual-drill'),
      });
      await custom.createNamespacedCustomObject({
        ...CHAOS,
        namespace: 'ntai',
        plural: 'podchaos',
        body: podFailure('other-tool-drill', {
          'app.kubernetes.io/managed-by': 'litmus',
        }),
      });
      expect((await podChaosNames()).sort()).toEqual([
        'nt-run-7-pod-failure',
        'other-tool-drill',
        'sre-manual-drill',
      ]);

      const engaged = await halt.engage('user:default/alice', 'incident');

      // The switch is on whatever the sweep met: new runs are refused.
      expect(engaged.engaged).toBe(true);
      expect((await halt.state()).engaged).toBe(true);
      expect(engaged.removed).toEqual([
        {
          cluster: EAST,
          kind: 'PodChaos',
          namespace: 'ntai',
          name: 'nt-run-7-pod-failure',
        },
      ]);
      // The unreachable cluster is named, to be swept again.
      expect(engaged.failed).toEqual([
        { cluster: WEST, error: expect.stringMatching(/\S/) },
      ]);
      // Objects the portal did not make survive the sweep.
      expect((await podChaosNames()).sort()).toEqual([
        'other-tool-drill',
        'sre-manual-drill',
      ]);
      const { items } = await audit.list({ limit: 10, targetType: 'halt' });
      expect(items.find(e => e.action === 'halt.engage')).toMatchObject({
        actor: 'user:default/alice',
        decision: 'allowed',
        details: { removed: 1, failed: [expect.stringContaining(WEST)] },
      });
      await halt.release('user:default/alice', 'over');
      await knex.destroy();
    },
  );
});
