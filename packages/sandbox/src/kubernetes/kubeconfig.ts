import { stringify } from 'yaml';

/**
 * A kubeconfig with one context per cluster, the sandbox CA embedded as
 * certificate-authority-data (so TLS is verified, not skipped) and a bearer token: the
 * sandbox accepts any token but, like a real API server, requires one.
 */
export function buildKubeconfig(
  clusters: { name: string; url: string }[],
  caPem: string,
  token = 'sandbox',
): string {
  const ca = Buffer.from(caPem).toString('base64');
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    'current-context': clusters[0]?.name ?? '',
    clusters: clusters.map(c => ({
      name: c.name,
      cluster: { server: c.url, 'certificate-authority-data': ca },
    })),
    users: [{ name: 'sandbox', user: { token } }],
    contexts: clusters.map(c => ({
      name: c.name,
      context: { cluster: c.name, user: 'sandbox' },
    })),
  });
}
