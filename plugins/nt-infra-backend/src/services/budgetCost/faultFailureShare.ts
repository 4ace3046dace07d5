/**
 * Share of the requests a targeted pod would serve that a Chaos Mesh fault
 * is expected to fail, worst case. The availability SLO counts failed
 * requests, not slow ones: added latency fails none (a stop condition on
 * p99 ends it), packet loss fails its own percentage, and everything else
 * (a failed, killed, partitioned or starved pod) is taken to fail them all.
 */
export function faultFailureShare(resource: {
  kind?: string;
  spec?: Record<string, unknown>;
}): { share: number; why: string } {
  const spec = resource.spec ?? {};
  const action = typeof spec.action === 'string' ? spec.action : undefined;
  if (resource.kind === 'NetworkChaos' && action === 'delay') {
    return { share: 0, why: 'added latency fails no request' };
  }
  if (resource.kind === 'NetworkChaos' && action === 'loss') {
    const loss = Number((spec.loss as { loss?: unknown } | undefined)?.loss);
    if (Number.isFinite(loss) && loss >= 0 && loss <= 100) {
      return { share: loss / 100, why: `${loss} % packet loss` };
    }
  }
  const fault = [resource.kind ?? 'the fault', action].filter(Boolean);
  return {
    share: 1,
    why: `${fault.join(' ')} fails every request of the pods it hits`,
  };
}
