import {
  RootHttpRouterConfigureContext,
  rootHttpRouterServiceFactory,
} from '@backstage/backend-defaults/rootHttpRouter';
import { errorBodyFilter } from './errorBodies';
import { noSourceMaps } from './noSourceMaps';

/**
 * Backstage's defaults, behind the filter that keeps server internals out of
 * production error bodies; it goes first so that every router's error
 * handler, the root's and each plugin's, answers through it. The app's
 * source maps are never served.
 */
export function configureRootHttpRouter(
  context: RootHttpRouterConfigureContext,
) {
  context.app.use(
    errorBodyFilter({ config: context.config, logger: context.logger }),
  );
  context.app.use(noSourceMaps());
  context.applyDefaults();
}

export const rootHttpRouter = rootHttpRouterServiceFactory({
  configure: configureRootHttpRouter,
});
