import type { Effect } from '../world';
import { parseGoDuration } from './duration';
import type { ChaosKind } from './kinds';

type Obj = Record<string, any>;

export type ChaosAction =
  | { type: 'effect'; effect: Effect }
  | { type: 'pod-kill' }
  | { type: 'container-kill' }
  | { type: 'none'; why: string };

/**
 * What an experiment does to each selected pod, in the world's terms:
 * pod-failure → not ready; pod-kill → pods replaced; container-kill → a restart;
 * NetworkChaos delay → added latency (+ half the jitter on average), loss/corrupt → lost
 * requests, partition → unreachable; StressChaos → CPU demand (workers × load) and memory
 * pressure, which the world turns into queueing latency.
 */
export function chaosAction(
  kind: ChaosKind,
  spec: Obj,
  source: string,
): ChaosAction {
  if (kind === 'PodChaos') {
    if (spec.action === 'pod-failure')
      return { type: 'effect', effect: { source, kind: 'failure' } };
    if (spec.action === 'pod-kill') return { type: 'pod-kill' };
    return { type: 'container-kill' };
  }
  if (kind === 'NetworkChaos') {
    const ms = (s: unknown) =>
      typeof s === 'string' ? parseGoDuration(s) ?? 0 : 0;
    const percent = (s: unknown) =>
      Math.min(1, Math.max(0, Number(s ?? 0) / 100));
    switch (spec.action) {
      case 'delay':
      case 'netem':
        if (spec.delay) {
          return {
            type: 'effect',
            effect: {
              source,
              kind: 'delay',
              latencyMs: ms(spec.delay.latency) + ms(spec.delay.jitter) / 2,
            },
          };
        }
        if (spec.loss)
          return {
            type: 'effect',
            effect: {
              source,
              kind: 'loss',
              probability: percent(spec.loss.loss),
            },
          };
        return { type: 'none', why: 'netem without delay or loss' };
      case 'loss':
        return {
          type: 'effect',
          effect: {
            source,
            kind: 'loss',
            probability: percent(spec.loss?.loss),
          },
        };
      case 'corrupt':
        return {
          type: 'effect',
          effect: {
            source,
            kind: 'loss',
            probability: percent(spec.corrupt?.corrupt),
          },
        };
      case 'partition':
        return {
          type: 'effect',
          effect: { source, kind: 'loss', probability: 1 },
        };
      case 'bandwidth':
        // Throttled links mostly show up as queueing delay for small API responses.
        return {
          type: 'effect',
          effect: { source, kind: 'delay', latencyMs: 50 },
        };
      default:
        return {
          type: 'none',
          why: `${spec.action} has no modelled effect on request latency or errors`,
        };
    }
  }
  const cpu = spec.stressors?.cpu;
  const memory = spec.stressors?.memory;
  const cpuCores = cpu ? cpu.workers * ((cpu.load ?? 100) / 100) : 0;
  const memoryFactor = memory ? 1 + 0.15 * memory.workers : 1;
  return {
    type: 'effect',
    effect: { source, kind: 'stress', cpuCores, memoryFactor },
  };
}
