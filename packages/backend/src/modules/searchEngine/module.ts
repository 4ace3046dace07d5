import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { LunrSearchEngine } from '@backstage/plugin-search-backend-node';
import { searchEngineRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import { EmptyTypeTolerantSearchEngine } from './EmptyTypeTolerantSearchEngine';

/**
 * The search plugin's engine: Backstage's in-memory Lunr engine, the one the
 * plugin would create by itself, except that a type with nothing indexed yet
 * answers an empty result rather than a 500 (see
 * EmptyTypeTolerantSearchEngine). Modules initialise before their plugin, so
 * the plugin finds this engine registered and uses it.
 */
export const searchEngineModule = createBackendModule({
  pluginId: 'search',
  moduleId: 'nt-infra-lunr-engine',
  register(reg) {
    reg.registerInit({
      deps: {
        engines: searchEngineRegistryExtensionPoint,
        logger: coreServices.logger,
      },
      async init({ engines, logger }) {
        engines.setSearchEngine(
          new EmptyTypeTolerantSearchEngine(new LunrSearchEngine({ logger })),
        );
      },
    });
  },
});
