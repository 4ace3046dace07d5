import {
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { Router } from 'express';
import { Knex } from 'knex';
import { AuditStore } from '../database/AuditStore';
import { Authorizer } from '../routes/authorizer';
import { registerGitOpsRoutes } from '../routes/gitopsRoutes';
import { PreviewGate } from '../routes/previewRateLimit';
import { ChangeRequestStore } from '../database/ChangeRequestStore';
import { DatabaseChangeRequestStore } from '../database/DatabaseChangeRequestStore';
import { DefaultGitOpsService } from '../services/gitops/DefaultGitOpsService';
import { GitHubProvider } from '../services/gitops/GitHubProvider';
import { LocalGitProvider } from '../services/gitops/LocalGitProvider';
import { GitOpsProvider } from '../services/gitops/provider';

/**
 * Builds the GitOps service from `ntInfra.gitops` and returns it with its
 * route registration. The provider is configuration only: `local` (a bare
 * repository, the embedded default) or `github`.
 */
export async function createGitOps(options: {
  config: RootConfigService;
  logger: LoggerService;
  audit: AuditStore;
  /** The plugin's migrated database client. */
  db: Knex;
  /** The change-request store; one on `db` when not given. */
  store?: ChangeRequestStore;
  /** The repository checkout holding terraform/ and kubernetes/. */
  repoRoot: string;
}) {
  const { config, logger, repoRoot } = options;
  const gitops = config.getOptionalConfig('ntInfra.gitops');
  const kind = gitops?.getOptionalString('provider') ?? 'local';
  let provider: GitOpsProvider;
  if (kind === 'github') {
    const gh = gitops!.getConfig('github');
    const app = gh.getOptionalConfig('app');
    provider = await GitHubProvider.create(
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
      },
      repoRoot,
    );
  } else if (kind === 'local') {
    provider = await LocalGitProvider.create({
      remote:
        gitops?.getOptionalString('local.remote') ?? '.sandbox/gitops.git',
      baseBranch: gitops?.getOptionalString('local.baseBranch'),
      repoRoot,
      logger,
    });
  } else {
    throw new Error(
      `ntInfra.gitops.provider must be local or github, not '${kind}'`,
    );
  }

  const portal = (
    config.getOptionalString('app.baseUrl') ?? 'http://localhost:3000'
  ).replace(/\/$/, '');
  const service = new DefaultGitOpsService({
    provider,
    store: options.store ?? new DatabaseChangeRequestStore(options.db),
    audit: options.audit,
    links: {
      run: id => `${portal}/nt-infra/runs/${encodeURIComponent(id)}`,
      window: id => `${portal}/nt-infra/windows/${encodeURIComponent(id)}`,
      changeRequest: id =>
        `${portal}/nt-infra/changes/${encodeURIComponent(id)}`,
    },
  });
  logger.info(`GitOps change requests go to the ${provider.name} provider`);
  return {
    service,
    registerRoutes(
      router: Router,
      deps: { auth: Authorizer; previews: PreviewGate },
    ) {
      registerGitOpsRoutes(router, { ...deps, gitops: service });
    },
  };
}
