import path from 'node:path';
import { Config } from '@backstage/config';

/** How the portal authenticates to one cluster's API server. */
export type ClusterAuth =
  /** A bearer token; without one, the pod's projected service-account token file. */
  | { type: 'serviceAccount'; token?: string }
  /** AKS with Microsoft Entra ID: a token from DefaultAzureCredential. */
  | { type: 'azure' };

/** One cluster as `kubernetes.clusterLocatorMethods[type=config].clusters[]` declares it. */
export interface ClusterConnection {
  name: string;
  url: string;
  auth: ClusterAuth;
  /** Base64 PEM, as in a kubeconfig's certificate-authority-data. */
  caData?: string;
  /** Absolute path of a PEM file. */
  caFile?: string;
  skipTLSVerify: boolean;
}

/**
 * The clusters the run engine acts on, with its own credential:
 * `ntInfra.clusters` (same shape as a kubernetes config locator's clusters)
 * when set, as production does so that only the run engine holds the
 * identity that may write Chaos Mesh objects while the Kubernetes tab reads
 * with a read-only one. Without it (the sandbox), the clusters of the
 * Backstage kubernetes plugin's `type: config` locators; other locators
 * (catalog, gke, localKubectlProxy) are left to the kubernetes plugin.
 */
export function readClusterConfigs(config: Config): ClusterConnection[] {
  const own = config.getOptionalConfigArray('ntInfra.clusters');
  const locators =
    config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? [];
  const clusters = (
    own ??
    locators
      .filter(locator => locator.getString('type') === 'config')
      .flatMap(locator => locator.getOptionalConfigArray('clusters') ?? [])
  ).map(readCluster);

  const seen = new Set<string>();
  for (const cluster of clusters) {
    if (seen.has(cluster.name)) {
      // Clusters are addressed by name everywhere (regions, runs, audit).
      throw new Error(
        `Invalid kubernetes config: cluster '${cluster.name}' is declared twice`,
      );
    }
    seen.add(cluster.name);
  }
  return clusters;
}

function readCluster(config: Config): ClusterConnection {
  const name = config.getString('name');
  const url = config.getString('url');
  const caFile = config.getOptionalString('caFile');
  return {
    name,
    url,
    auth: readAuth(config, name),
    caData: config.getOptionalString('caData'),
    // The kubernetes plugin reads relative paths from the working directory
    // (packages/backend in development, the repo root in the container).
    caFile: caFile ? path.resolve(process.cwd(), caFile) : undefined,
    skipTLSVerify: config.getOptionalBoolean('skipTLSVerify') ?? false,
  };
}

function readAuth(config: Config, name: string): ClusterAuth {
  const provider = config.getOptionalString('authProvider');
  switch (provider) {
    case 'serviceAccount':
      return {
        type: 'serviceAccount',
        token: config.getOptionalString('serviceAccountToken'),
      };
    case 'azure':
      return { type: 'azure' };
    default:
      // Other providers (google, aws, oidc, …) authenticate the *user* in the
      // kubernetes plugin; the portal acts as itself and needs one of these.
      throw new Error(
        `Invalid kubernetes config: cluster '${name}' has authProvider '${provider}', the nt-infra backend supports 'serviceAccount' and 'azure'`,
      );
  }
}
