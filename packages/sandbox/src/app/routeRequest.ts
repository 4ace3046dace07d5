import type { SeededRandom } from '../clock';
import type { Pod, World } from '../world';

export type RequestOutcome = {
  /** HTTP status the region's front door answers. */
  status: number;
  /** World milliseconds until the answer. */
  latencyMs: number;
  /** Pod chosen at each serving hop, in topology order. */
  pods: Pod[];
  reason?: string;
};

/** How long a request whose packets are lost hangs before the gateway gives up (504). */
export const LOST_REQUEST_TIMEOUT_MS = 30000;

/**
 * One request through a region's application: it passes every serving workload (web →
 * api …); at each hop Kubernetes' Service sends it to a random ready pod. No ready pod at a
 * hop → 503 at once; a lost packet (NetworkChaos loss/partition) → hangs, then 504.
 */
export function routeRequest(
  world: World,
  region: string,
  random: SeededRandom,
): RequestOutcome {
  if (!world.regions.has(region))
    return { status: 404, latencyMs: 0, pods: [], reason: 'unknown region' };
  const hops = world.servingWorkloads(region);
  const pods: Pod[] = [];
  let latencyMs = 0;
  for (const hop of hops) {
    if (hop.ready.length === 0) {
      return {
        status: 503,
        latencyMs: latencyMs + 1,
        pods,
        reason: `no ready pods of ${hop.name}`,
      };
    }
    const pod = hop.ready[random.int(hop.ready.length)];
    pods.push(pod);
    if (random.next() < world.podLossProbability(pod)) {
      return {
        status: 504,
        latencyMs: LOST_REQUEST_TIMEOUT_MS,
        pods,
        reason: `request to ${pod.name} lost`,
      };
    }
    latencyMs += world.podLatencyMs(pod);
  }
  return { status: 200, latencyMs, pods };
}
