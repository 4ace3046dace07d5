import { DefaultAzureCredential } from '@azure/identity';
import type { TokenCredential } from '@azure/core-auth';
import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { ClusterReadiness } from '@internal/plugin-nt-infra-common';
import { AksTokenAuthenticator } from './AksTokenAuthenticator';
import {
  CHAOS_GROUP,
  CHAOS_KINDS,
  CHAOS_VERSION,
  assertRunId,
  chaosPlural,
  managedSelector,
  withRunLabels,
} from './chaosResources';
import {
  ChaosKind,
  ChaosResource,
  ClusterProvider,
  PodSummary,
  RUN_ID_LABEL,
} from './ClusterProvider';
import { KubeClients, createKubeClients } from './createKubeClients';
import { readClusterConfigs } from './readClusterConfigs';
import { toClusterReadiness, toPodSummary } from './summarize';
import { DEFAULT_RETRY_POLICY, RetryPolicy, withRetries } from './withRetries';

export interface KubernetesClusterProviderOptions {
  logger: LoggerService;
  /** For `authProvider: azure` clusters; default DefaultAzureCredential (workload identity). */
  credential?: TokenCredential;
  retry?: Partial<RetryPolicy>;
  /** Deadline of one Kubernetes API request (default 10 s). */
  requestTimeoutMs?: number;
}

const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

/**
 * The regions' clusters through their Kubernetes APIs, with the cluster
 * definitions of the Backstage kubernetes plugin (`kubernetes.clusterLocatorMethods`).
 */
export class KubernetesClusterProvider implements ClusterProvider {
  static fromConfig(
    config: Config,
    options: KubernetesClusterProviderOptions,
  ): KubernetesClusterProvider {
    const connections = readClusterConfigs(config);
    const needsAzure = connections.some(c => c.auth.type === 'azure');
    const aksAuthenticator = needsAzure
      ? new AksTokenAuthenticator(
          options.credential ?? new DefaultAzureCredential(),
        )
      : undefined;
    const requestTimeoutMs =
      options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    const clients = new Map(
      connections.map(c => [
        c.name,
        createKubeClients(c, { requestTimeoutMs, aksAuthenticator }),
      ]),
    );
    return new KubernetesClusterProvider(
      clients,
      { ...DEFAULT_RETRY_POLICY, ...options.retry },
      options.logger.child({ provider: 'clusters' }),
    );
  }

  private constructor(
    private readonly clients: Map<string, KubeClients>,
    private readonly retry: RetryPolicy,
    private readonly logger: LoggerService,
  ) {}

  clusterNames(): string[] {
    return [...this.clients.keys()];
  }

  async getReadiness(
    cluster: string,
    namespace: string,
  ): Promise<ClusterReadiness> {
    const { apps, core } = this.clientsOf(cluster);
    const [deployments, pods] = await Promise.all([
      this.call(cluster, 'list deployments', () =>
        apps.listNamespacedDeployment({ namespace }),
      ),
      this.call(cluster, 'list pods', () =>
        core.listNamespacedPod({ namespace }),
      ),
    ]);
    return toClusterReadiness(cluster, deployments.items, pods.items);
  }

  async listPods(
    cluster: string,
    namespace: string,
    labelSelector?: string,
  ): Promise<PodSummary[]> {
    const { core } = this.clientsOf(cluster);
    const pods = await this.call(cluster, 'list pods', () =>
      core.listNamespacedPod({ namespace, labelSelector }),
    );
    return pods.items.map(toPodSummary);
  }

  async createChaos(
    cluster: string,
    resource: ChaosResource,
    runId: string,
  ): Promise<ChaosResource> {
    const { custom } = this.clientsOf(cluster);
    assertRunId(runId);
    const { kind, metadata } = resource;
    if (!metadata?.name || !metadata.namespace) {
      // The namespace is part of the URL; the API server cannot default it.
      throw new InputError(
        `A ${kind} needs metadata.name and metadata.namespace`,
      );
    }
    const plural = chaosPlural(kind);
    const body = withRunLabels(resource, runId);
    try {
      return (await this.call(cluster, `create ${kind}`, () =>
        custom.createNamespacedCustomObject({
          group: CHAOS_GROUP,
          version: CHAOS_VERSION,
          namespace: metadata.namespace,
          plural,
          body,
        }),
      )) as ChaosResource;
    } catch (error) {
      // A create whose answer was lost (timeout, reset) and was retried, or
      // a reconciler re-applying after a restart: the run's own object
      // already exists, which is success. Anyone else's is a conflict.
      if (error instanceof ConflictError) {
        const existing = await this.getChaos(
          cluster,
          kind,
          metadata.namespace,
          metadata.name,
        );
        if (existing?.metadata.labels?.[RUN_ID_LABEL] === runId) {
          return existing;
        }
      }
      throw error;
    }
  }

  async getChaos(
    cluster: string,
    kind: ChaosKind,
    namespace: string,
    name: string,
  ): Promise<ChaosResource | undefined> {
    const { custom } = this.clientsOf(cluster);
    const plural = chaosPlural(kind);
    try {
      return (await this.call(cluster, `get ${kind}`, () =>
        custom.getNamespacedCustomObject({
          group: CHAOS_GROUP,
          version: CHAOS_VERSION,
          namespace,
          plural,
          name,
        }),
      )) as ChaosResource;
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  }

  async listManagedChaos(
    cluster: string,
    runId?: string,
  ): Promise<ChaosResource[]> {
    const { custom } = this.clientsOf(cluster);
    if (runId !== undefined) assertRunId(runId);
    const labelSelector = managedSelector(runId);
    const lists = await Promise.all(
      CHAOS_KINDS.map(kind =>
        this.call(cluster, `list ${kind}`, () =>
          custom.listClusterCustomObject({
            group: CHAOS_GROUP,
            version: CHAOS_VERSION,
            plural: chaosPlural(kind),
            labelSelector,
          }),
        ).then(list =>
          // List items may omit kind/apiVersion; callers switch on kind.
          ((list as { items?: ChaosResource[] }).items ?? []).map(item => ({
            ...item,
            apiVersion: `${CHAOS_GROUP}/${CHAOS_VERSION}` as const,
            kind,
          })),
        ),
      ),
    );
    return lists.flat();
  }

  async deleteChaos(
    cluster: string,
    kind: ChaosKind,
    namespace: string,
    name: string,
  ): Promise<void> {
    const { custom } = this.clientsOf(cluster);
    const plural = chaosPlural(kind);
    try {
      await this.call(cluster, `delete ${kind}`, () =>
        custom.deleteNamespacedCustomObject({
          group: CHAOS_GROUP,
          version: CHAOS_VERSION,
          namespace,
          plural,
          name,
        }),
      );
    } catch (error) {
      // Already gone (finished cleanup, halt-all, someone's kubectl): the goal is met.
      if (error instanceof NotFoundError) return;
      throw error;
    }
  }

  private clientsOf(cluster: string): KubeClients {
    const clients = this.clients.get(cluster);
    if (!clients) {
      throw new NotFoundError(
        `Unknown cluster '${cluster}'; configured clusters: ${
          this.clusterNames().join(', ') || 'none'
        }`,
      );
    }
    return clients;
  }

  private call<T>(
    cluster: string,
    operation: string,
    fn: () => Promise<T>,
  ): Promise<T> {
    return withRetries(cluster, operation, fn, this.retry, this.logger);
  }
}
