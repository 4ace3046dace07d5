import {
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { Router } from 'express';
import path from 'path';
import { Authorizer } from '../routes/authorizer';
import { registerDeliveryRoutes } from '../routes/deliveryRoutes';
import { DefaultGitOpsService } from '../services/gitops';
import { UpstreamCache } from '../services/UpstreamCache';
import { ArgoCdClient } from '../services/delivery/ArgoCdClient';
import {
  DeliveryService,
  DeliveryTarget,
} from '../services/delivery/DeliveryService';
import { GitHubActionsClient } from '../services/delivery/GitHubActionsClient';
import { LocalRevisionGraph } from '../services/delivery/LocalRevisionGraph';
import { RevisionGraph } from '../services/delivery/RevisionGraph';

const DEFAULTS = { timeoutMs: 5000, maxRetries: 2, refreshSeconds: 10 };

/**
 * Builds delivery from `ntInfra.gitops`: Argo CD when
 * `delivery.argocd` is configured, GitHub Actions when the GitOps provider is
 * GitHub (unless `delivery.githubActions.enabled` is false). Ancestry comes
 * from the same repository the GitOps service merges into.
 */
export function createDelivery(options: {
  config: RootConfigService;
  logger: LoggerService;
  repoRoot: string;
  targets: () => DeliveryTarget[];
  /** Reads the change request a delivery route asks about. */
  gitops: Pick<DefaultGitOpsService, 'get'>;
  /** Test seam: backoff between retries. */
  retryDelayMs?: number;
}) {
  const { config, repoRoot } = options;
  const logger = options.logger.child({ service: 'delivery' });
  const gitops = config.getOptionalConfig('ntInfra.gitops');
  const delivery = gitops?.getOptionalConfig('delivery');
  const retryDelayMs = options.retryDelayMs ?? 200;

  let actions: GitHubActionsClient | undefined;
  let pullRequests: GitHubActionsClient | undefined;
  let graph: RevisionGraph;
  if ((gitops?.getOptionalString('provider') ?? 'local') === 'github') {
    const gh = gitops!.getConfig('github');
    const app = gh.getOptionalConfig('app');
    const ga = delivery?.getOptionalConfig('githubActions');
    const client = GitHubActionsClient.create(
      {
        owner: gh.getString('owner'),
        repo: gh.getString('repo'),
        baseBranch: gh.getOptionalString('baseBranch') ?? 'main',
        baseUrl: gh.getOptionalString('baseUrl'),
        token: gh.getOptionalString('token'),
        app: app && {
          appId: app.getNumber('appId'),
          privateKey: app.getString('privateKey'),
          installationId: app.getNumber('installationId'),
        },
        workflowPath: ga?.getOptionalString('workflowPath'),
        timeoutMs: ga?.getOptionalNumber('timeoutMs') ?? DEFAULTS.timeoutMs,
        maxRetries: ga?.getOptionalNumber('maxRetries') ?? DEFAULTS.maxRetries,
        retryDelayMs,
      },
      logger,
    );
    graph = client;
    pullRequests = client;
    if (ga?.getOptionalBoolean('enabled') ?? true) actions = client;
  } else {
    graph = new LocalRevisionGraph(
      path.resolve(
        repoRoot,
        gitops?.getOptionalString('local.remote') ?? '.sandbox/gitops.git',
      ),
      gitops?.getOptionalString('local.baseBranch') ?? 'main',
    );
  }

  const argo = delivery?.getOptionalConfig('argocd');
  const argocd =
    argo &&
    new ArgoCdClient(
      {
        // `${baseUrl}/api/v1/...` must not produce a double slash.
        baseUrl: argo.getString('baseUrl').replace(/\/+$/, ''),
        token: argo.getString('token'),
        appLabelSelector: argo.getOptionalString('appLabelSelector'),
        timeoutMs: argo.getOptionalNumber('timeoutMs') ?? DEFAULTS.timeoutMs,
        maxRetries: argo.getOptionalNumber('maxRetries') ?? DEFAULTS.maxRetries,
        retryDelayMs,
      },
      logger,
    );

  const refreshMs =
    (delivery?.getOptionalNumber('refreshSeconds') ?? DEFAULTS.refreshSeconds) *
    1000;
  const service = new DeliveryService({
    targets: options.targets,
    graph,
    cache: new UpstreamCache({ refreshMs }),
    argocd,
    actions,
    pullRequests,
  });
  logger.info(
    `Delivery state from ${
      [argocd && 'Argo CD', actions && 'GitHub Actions']
        .filter(Boolean)
        .join(' and ') || 'no source (configure ntInfra.gitops.delivery)'
    }`,
  );
  return {
    service,
    registerRoutes(router: Router, deps: { auth: Authorizer }) {
      registerDeliveryRoutes(router, {
        auth: deps.auth,
        delivery: service,
        gitops: options.gitops,
      });
    },
  };
}
