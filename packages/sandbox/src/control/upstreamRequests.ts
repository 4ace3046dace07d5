import { requestCount } from '../http/requestCounter';

type EndpointUrls = {
  arm?: { endpoint?: string };
  prometheus?: string;
  clusters?: { name: string; url: string }[];
  regions?: Record<string, { app: string }>;
};

function countAt(url: string | undefined): number {
  if (!url) return 0;
  const port = Number(new URL(url).port);
  return requestCount(port) ?? 0;
}

/**
 * Requests each upstream has served since it started, named the way the
 * portal knows them: ARM, every cluster's Kubernetes API, Prometheus and each
 * region's application. Benchmarks take two readings and subtract.
 */
export function upstreamRequests(endpoints: unknown) {
  const e = (endpoints ?? {}) as EndpointUrls;
  const clusters = Object.fromEntries(
    (e.clusters ?? []).map(c => [c.name, countAt(c.url)]),
  );
  const apps = Object.fromEntries(
    Object.entries(e.regions ?? {}).map(([name, r]) => [name, countAt(r.app)]),
  );
  const arm = countAt(e.arm?.endpoint);
  const prometheus = countAt(e.prometheus);
  const kubernetes = Object.values(clusters).reduce((a, b) => a + b, 0);
  return {
    arm,
    kubernetes,
    prometheus,
    total: arm + kubernetes + prometheus,
    clusters,
    apps,
  };
}
