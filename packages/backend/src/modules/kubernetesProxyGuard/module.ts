import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { kubernetesRouterExtensionPoint } from '@backstage/plugin-kubernetes-node';
import { proxyGuardRouter } from './proxyGuardRouter';

/**
 * The Kubernetes plugin's proxy forwards any verb to a cluster with the
 * server's credential. Backstage lets every service principal through the
 * permission check unasked, so this module refuses the proxy to anyone but a
 * signed-in person, before the plugin's own check (admin-only in the policy).
 */
export const kubernetesProxyGuardModule = createBackendModule({
  pluginId: 'kubernetes',
  moduleId: 'nt-infra-proxy-guard',
  register(reg) {
    reg.registerInit({
      deps: {
        router: kubernetesRouterExtensionPoint,
        httpAuth: coreServices.httpAuth,
      },
      async init({ router, httpAuth }) {
        router.addRouter(({ getDefault }) =>
          proxyGuardRouter(httpAuth, getDefault()),
        );
      },
    });
  },
});
