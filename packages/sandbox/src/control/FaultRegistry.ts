import type { Effect, Pod, World } from '../world';
import type { SeededRandom } from '../clock';

export type Fault = {
  id: string;
  kind: 'unready' | 'latency' | 'loss';
  region: string;
  namespace: string;
  deployment: string;
  pods: string[];
  latencyMs?: number;
  probability?: number;
};

/**
 * Workload faults injected directly through the control API (without Chaos Mesh), for tests
 * that need a precise world state: make N pods of a deployment unready, slow or lossy.
 */
export class FaultRegistry {
  private readonly faults = new Map<string, Fault>();
  private next = 1;

  constructor(
    private readonly world: World,
    private readonly random: SeededRandom,
  ) {}

  list(): Fault[] {
    return [...this.faults.values()];
  }

  inject(body: Record<string, unknown>): Fault {
    const kind = body.kind;
    if (kind !== 'unready' && kind !== 'latency' && kind !== 'loss') {
      throw new Error("kind must be 'unready', 'latency' or 'loss'");
    }
    const region = String(body.region ?? '');
    if (!this.world.regions.has(region))
      throw new Error(`unknown region '${region}'`);
    const namespace = String(body.namespace ?? 'ntai');
    const deployment = String(body.deployment ?? '');
    const candidates: Pod[] = this.world
      .clustersIn(region)
      .flatMap(c => [...c.pods.values()])
      .filter(p => p.namespace === namespace && p.deployment === deployment);
    if (candidates.length === 0)
      throw new Error(`no pods of ${namespace}/${deployment} in ${region}`);
    const count =
      body.count === undefined ? candidates.length : Number(body.count);
    if (!Number.isInteger(count) || count < 1)
      throw new Error('count must be a positive integer');
    const id = `fault-${this.next++}`;
    const source = `control:${id}`;
    let effect: Effect;
    if (kind === 'unready') effect = { source, kind: 'failure' };
    else if (kind === 'latency') {
      const latencyMs = Number(body.latencyMs);
      if (!(latencyMs > 0))
        throw new Error('latencyMs must be a positive number');
      effect = { source, kind: 'delay', latencyMs };
    } else {
      const probability = Number(body.probability ?? 1);
      if (!(probability > 0 && probability <= 1))
        throw new Error('probability must be in (0, 1]');
      effect = { source, kind: 'loss', probability };
    }
    const pods = this.random.sample(candidates, count);
    this.world.addEffect(pods, effect);
    const fault: Fault = {
      id,
      kind,
      region,
      namespace,
      deployment,
      pods: pods.map(p => p.name),
      ...(effect.kind === 'delay' ? { latencyMs: effect.latencyMs } : {}),
      ...(effect.kind === 'loss' ? { probability: effect.probability } : {}),
    };
    this.faults.set(id, fault);
    this.world.log.add(
      'fault.injected',
      `${kind} on ${fault.pods.length} pod(s) of ${region}/${namespace}/${deployment}`,
      fault,
    );
    return fault;
  }

  remove(id: string): boolean {
    if (!this.faults.delete(id)) return false;
    this.world.removeEffects(`control:${id}`);
    this.world.log.add('fault.removed', `${id} removed`, { id });
    return true;
  }

  clear() {
    this.faults.clear();
  }
}
