import { InputError } from '@backstage/errors';
import { createHash } from 'node:crypto';
import { PodSummary } from '../../providers/clusters/ClusterProvider';

export type SelectorMode =
  | 'one'
  | 'all'
  | 'fixed'
  | 'fixed-percent'
  | 'random-max-percent';

/** A selection's `mode` and integer `value`, as Chaos Mesh's webhook admits them. */
export interface ModeSpec {
  mode: SelectorMode;
  /** fixed: pods (≥ 1); fixed-percent / random-max-percent: percent (1..100). */
  value?: number;
}

const MODES: ReadonlySet<string> = new Set<SelectorMode>([
  'one',
  'all',
  'fixed',
  'fixed-percent',
  'random-max-percent',
]);

function isSelectorMode(mode: unknown): mode is SelectorMode {
  return typeof mode === 'string' && MODES.has(mode);
}

/**
 * Reads `mode`/`value` with the webhook's rules (the CRD types `value` as a
 * string): fixed needs an integer > 0, the percent modes an integer in
 * 1..100. What the webhook would reject cannot be previewed either.
 */
export function readModeSpec(
  mode: unknown,
  value: unknown,
  where: string,
): ModeSpec {
  if (!isSelectorMode(mode)) {
    throw new InputError(
      `${where}.mode must be one of ${[...MODES].join(
        ', ',
      )} (got ${JSON.stringify(mode)})`,
    );
  }
  if (mode === 'one' || mode === 'all') {
    return { mode };
  }
  const n =
    typeof value === 'string' && /^[0-9]+$/.test(value)
      ? Number(value)
      : undefined;
  const percent = mode !== 'fixed';
  if (n === undefined || n < 1 || (percent && n > 100)) {
    throw new InputError(
      `${where}.value must be ${
        percent ? 'an integer in 1..100' : 'an integer > 0'
      } with mode ${mode} (got ${JSON.stringify(value)})`,
    );
  }
  return { mode, value: n };
}

/** A number in [0, 1) derived from the seed and a key; the same inputs give the same number. */
function seededUnit(seed: string, key: string): number {
  const digest = createHash('sha256').update(`${seed}\u0000${key}`).digest();
  // 48 bits are exactly representable in a double.
  return digest.readUIntBE(0, 6) / 2 ** 48;
}

/**
 * The percentage random-max-percent draws: uniform in 0..max inclusive, as
 * Chaos Mesh's `getRandomNumber(maxPercentage + 1)` does, but from the seed
 * instead of crypto/rand, and independent of the pod count so that a
 * re-check at run start draws the same percentage.
 */
export function randomMaxPercentage(max: number, seed: string): number {
  return Math.floor(seededUnit(seed, 'random-max-percent') * (max + 1));
}

/**
 * How many of `count` matching pods the fault hits, with Chaos Mesh's
 * rounding (`FilterObjectsByMode` in pkg/selector/generic/mode.go):
 * - one: 1; all: every pod; fixed: min(value, count);
 * - fixed-percent: ⌊count · value / 100⌋, rounded DOWN. So value 10 of
 *   7 pods is ⌊0.7⌋ = 0 pods, and of 3 pods ⌊0.3⌋ = 0: a 10 % experiment
 *   hits nothing until the selector matches at least 10 pods;
 * - random-max-percent: ⌊count · p / 100⌋ with p drawn uniformly from
 *   0..value (so it may hit 0 pods even with many matching).
 * Zero matching pods give 0 (Chaos Mesh fails with "no pod is selected").
 */
export function podsToHit(spec: ModeSpec, count: number, seed: string): number {
  if (count === 0) return 0;
  switch (spec.mode) {
    case 'one':
      return 1;
    case 'all':
      return count;
    case 'fixed':
      return Math.min(spec.value!, count);
    case 'fixed-percent':
      return Math.floor((count * spec.value!) / 100);
    case 'random-max-percent':
      return Math.floor((count * randomMaxPercentage(spec.value!, seed)) / 100);
    default:
      throw new InputError(`unsupported mode ${String(spec.mode)}`);
  }
}

/**
 * The fewest and most pods a selection may hit when Chaos Mesh (not the
 * portal) does the picking at apply time, e.g. an unpinned NetworkChaos
 * target: random-max-percent ranges from 0 to ⌊count · value / 100⌋.
 */
export function hitRange(
  spec: ModeSpec,
  count: number,
): { min: number; max: number } {
  if (spec.mode === 'random-max-percent') {
    return {
      min: 0,
      max: count === 0 ? 0 : Math.floor((count * spec.value!) / 100),
    };
  }
  const n = podsToHit(spec, count, '');
  return { min: n, max: n };
}

/**
 * Picks `n` pods deterministically under `seed` by rendezvous hashing: each
 * pod gets a score from (seed, namespace/name) and the n lowest win. Unlike
 * shuffling a sorted list, a pod's score does not depend on the other pods,
 * so when pods come and go between preview and run start the surviving
 * picks stay picked and only the gaps are re-filled.
 */
export function pickPods(
  pods: PodSummary[],
  n: number,
  seed: string,
): PodSummary[] {
  return pods
    .map(pod => ({
      pod,
      score: seededUnit(seed, `pod:${pod.namespace}/${pod.name}`),
      id: `${pod.namespace}/${pod.name}`,
    }))
    .sort((a, b) => a.score - b.score || a.id.localeCompare(b.id))
    .slice(0, n)
    .map(s => s.pod)
    .sort(comparePods);
}

export function comparePods(a: PodSummary, b: PodSummary): number {
  return a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name);
}

export function podId(pod: { namespace: string; name: string }): string {
  return `${pod.namespace}/${pod.name}`;
}
