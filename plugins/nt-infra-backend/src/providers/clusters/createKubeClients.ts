import {
  AppsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  ServerConfiguration,
  User,
  createConfiguration,
} from '@kubernetes/client-node';
import { AKS_AUTH_PROVIDER } from './AksTokenAuthenticator';
import { ClusterConnection } from './readClusterConfigs';

/** Where AKS (and any cluster) projects the pod's service-account token. */
const IN_CLUSTER_TOKEN_FILE =
  '/var/run/secrets/kubernetes.io/serviceaccount/token';

type Authenticator = Parameters<KubeConfig['addAuthenticator']>[0];

/** The typed API clients of one cluster. */
export interface KubeClients {
  core: CoreV1Api;
  apps: AppsV1Api;
  custom: CustomObjectsApi;
}

export function createKubeClients(
  cluster: ClusterConnection,
  options: { requestTimeoutMs: number; aksAuthenticator?: Authenticator },
): KubeClients {
  const kc = new KubeConfig();
  if (options.aksAuthenticator) {
    kc.addAuthenticator(options.aksAuthenticator);
  }
  kc.loadFromOptions({
    clusters: [
      {
        name: cluster.name,
        server: cluster.url,
        caData: cluster.caData,
        // Read on every request, so a renewed CA (the sandbox writes a new
        // one each start) is picked up without restarting the backend.
        caFile: cluster.caFile,
        skipTLSVerify: cluster.skipTLSVerify,
      },
    ],
    users: [userFor(cluster)],
    contexts: [
      { name: cluster.name, cluster: cluster.name, user: cluster.name },
    ],
    currentContext: cluster.name,
  });

  // Like kc.makeApiClient, plus a per-request deadline: client-node has
  // none, and a hung API server must not hang a run's reconciler.
  const configuration = createConfiguration({
    baseServer: new ServerConfiguration(cluster.url, {}),
    authMethods: { default: kc },
    promiseMiddleware: [
      {
        pre: async context => {
          context.setSignal(AbortSignal.timeout(options.requestTimeoutMs));
          return context;
        },
        post: async context => context,
      },
    ],
  });
  return {
    core: new CoreV1Api(configuration),
    apps: new AppsV1Api(configuration),
    custom: new CustomObjectsApi(configuration),
  };
}

function userFor(cluster: ClusterConnection): User {
  const { auth } = cluster;
  if (auth.type === 'azure') {
    return { name: cluster.name, authProvider: { name: AKS_AUTH_PROVIDER } };
  }
  if (auth.token) {
    return { name: cluster.name, token: auth.token };
  }
  // As the kubernetes plugin does without a token: the backend's own
  // service account, re-read as the kubelet rotates it.
  return {
    name: cluster.name,
    authProvider: {
      name: 'tokenFile',
      config: { tokenFile: IN_CLUSTER_TOKEN_FILE },
    },
  };
}
