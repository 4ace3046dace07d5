import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { readGithubOrgConfig } from './config';
import { githubClientFactory } from './githubClient';
import { GithubOrgEntityProvider } from './GithubOrgEntityProvider';

/**
 * Users and groups from the GitHub organisation of
 * `catalog.providers.githubOrg` (production). Without that key it adds
 * nothing, so locally people come only from catalog/org.yaml.
 */
export const catalogModuleGithubOrg = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'nt-github-org',
  register(reg) {
    reg.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
      },
      async init({ catalog, config, logger, scheduler }) {
        const settings = readGithubOrgConfig(config);
        if (!settings) return;
        catalog.addEntityProvider(
          new GithubOrgEntityProvider({
            org: settings.org,
            host: settings.host,
            client: githubClientFactory(config, settings.host, settings.org),
            logger,
            taskRunner: scheduler.createScheduledTaskRunner(settings.schedule),
          }),
        );
      },
    });
  },
});
