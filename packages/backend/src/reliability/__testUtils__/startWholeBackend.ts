import { createSpecializedBackend } from '@backstage/backend-app-api';
import { discoveryServiceFactory } from '@backstage/backend-defaults/discovery';
import { httpRouterServiceFactory } from '@backstage/backend-defaults/httpRouter';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import {
  RootHttpRouterConfigureContext,
  rootHttpRouterServiceFactory,
} from '@backstage/backend-defaults/rootHttpRouter';
import { BackendFeature } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import {
  actionsRegistryServiceFactory,
  actionsServiceFactory,
} from '@backstage/backend-defaults/alpha';
import {
  metricsServiceMock,
  tracingServiceMock,
} from '@backstage/backend-test-utils/alpha';
import { JsonObject } from '@backstage/config';
import { Server } from 'http';
import net from 'net';
import { configureRootHttpRouter } from '../../http/rootHttpRouter';
import { onBehalfOfAuthServiceFactory } from './onBehalfOfAuth';

/** A loopback port free right now: discovery must know it before the server listens. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * A backend with the given plugins behind the real root router, HTTP router,
 * discovery, permissions and actions services (signals needs the real router's
 * WebSocket support, which startTestBackend's lacks), and Backstage's mock
 * auth, so tests sign requests with mockCredentials (on-behalf-of calls
 * between plugins keep their actor, as with the real auth service).
 */
export async function startWholeBackend(
  features: BackendFeature[],
  config: JsonObject,
): Promise<{ server: Server; stop: () => Promise<void> }> {
  const port = await freePort();
  let root: RootHttpRouterConfigureContext | undefined;
  const backend = createSpecializedBackend({
    defaultServiceFactories: [
      mockServices.rootConfig.factory({
        data: {
          ...config,
          backend: {
            ...((config.backend as JsonObject | undefined) ?? {}),
            baseUrl: `http://127.0.0.1:${port}`,
            listen: { host: '127.0.0.1', port },
          },
        },
      }),
      rootHttpRouterServiceFactory({
        configure(context) {
          root = context;
          configureRootHttpRouter(context);
        },
      }),
      httpRouterServiceFactory,
      discoveryServiceFactory,
      permissionsServiceFactory,
      onBehalfOfAuthServiceFactory,
      mockServices.auditor.factory(),
      mockServices.cache.factory(),
      mockServices.database.factory(),
      mockServices.httpAuth.factory(),
      mockServices.lifecycle.factory(),
      mockServices.logger.factory(),
      mockServices.permissionsRegistry.factory(),
      mockServices.rootHealth.factory(),
      mockServices.rootLifecycle.factory(),
      mockServices.rootLogger.factory({ level: 'error' }),
      mockServices.scheduler.factory(),
      mockServices.userInfo.factory(),
      mockServices.urlReader.factory(),
      mockServices.events.factory(),
      actionsRegistryServiceFactory,
      actionsServiceFactory,
      metricsServiceMock.factory(),
      tracingServiceMock.factory(),
    ],
  });
  for (const feature of features) backend.add(feature);
  await backend.start();
  if (!root) throw new Error('the root HTTP router was never configured');
  return { server: root.server, stop: () => backend.stop() };
}
