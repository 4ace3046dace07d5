import { InputError } from '@backstage/errors';
import { PRODUCTION_MAX_FRACTION } from '@internal/iac-validation';
import {
  ChaosResource,
  ClusterProvider,
  PodSummary,
} from '../../providers/clusters/ClusterProvider';
import {
  ModeSpec,
  comparePods,
  hitRange,
  pickPods,
  podId,
  podsToHit,
  readModeSpec,
} from './modeSelection';
import {
  PodSelector,
  readPodSelector,
  selectorMatches,
  selectorNamespaces,
} from './podSelector';

/** The production limit's verdict on a preview. */
export interface BlastRadiusLimit {
  maxFraction: number;
  allowed: boolean;
  /** Names the numbers, for the approver and the audit trail. */
  reason: string;
}

/**
 * The `target` side of a NetworkChaos: the peers whose traffic with the
 * selected pods is disturbed. Chaos Mesh picks them at apply time (only the
 * main selector is pinned), so the preview gives their pool and how many
 * it will take.
 */
export interface NetworkTargetPreview {
  direction: 'to' | 'from' | 'both';
  mode: ModeSpec;
  matching: PodSummary[];
  hits: { min: number; max: number };
}

export interface BlastRadius {
  cluster: string;
  /** Deterministic choice of targets: the same seed and pods give the same targets. */
  seed: string;
  mode: ModeSpec;
  /** Every pod the selector matches, sorted by namespace and name. */
  matching: PodSummary[];
  /** Exactly the pods the fault will hit once the resource is pinned with `pinTargets`. */
  targets: PodSummary[];
  /** targets / matching (0 when nothing matches). */
  fraction: number;
  limit: BlastRadiusLimit;
  target?: NetworkTargetPreview;
}

export interface PreviewBlastRadiusOptions {
  resource: ChaosResource;
  cluster: string;
  clusters: ClusterProvider;
  /** E.g. the run id, so a run's preview, re-check and pinning agree. */
  seed: string;
  /** Largest share of matching pods the fault may hit (default 0.1, the production limit). */
  maxFraction?: number;
}

/**
 * The exact pods an experiment will hit in one cluster, computed from the
 * live pods. Chaos Mesh picks pods at random when it applies a resource;
 * the portal instead picks them here, deterministically under `seed`, and
 * `pinTargets` writes that choice into the resource, so what the approver
 * saw is what gets hit.
 */
export async function previewBlastRadius(
  options: PreviewBlastRadiusOptions,
): Promise<BlastRadius> {
  const { resource, cluster, clusters } = options;
  const selections = readResourceSelections(resource).all;
  const namespaces = new Set(
    selections.flatMap(s =>
      selectorNamespaces(s.selector, resource.metadata.namespace),
    ),
  );
  // No label selector on the wire: expression and phase selectors have to
  // be evaluated here anyway, and one matcher keeps preview and re-check
  // consistent.
  const pods = (
    await Promise.all([...namespaces].map(ns => clusters.listPods(cluster, ns)))
  ).flat();
  return computeBlastRadius({ ...options, pods });
}

interface Selection {
  where: string;
  mode: ModeSpec;
  selector: PodSelector;
}

function readResourceSelections(resource: ChaosResource): {
  main: Selection;
  target?: Selection & { direction: NetworkTargetPreview['direction'] };
  all: Selection[];
} {
  if (!['PodChaos', 'NetworkChaos', 'StressChaos'].includes(resource.kind)) {
    throw new InputError(`cannot preview a ${String(resource.kind)}`);
  }
  const spec = resource.spec;
  const main: Selection = {
    where: 'spec.selector',
    mode: readModeSpec(spec.mode, spec.value, 'spec'),
    selector: readPodSelector(spec.selector, 'spec.selector'),
  };
  const rawTarget = spec.target as Record<string, unknown> | undefined;
  if (resource.kind !== 'NetworkChaos' || rawTarget === undefined) {
    return { main, all: [main] };
  }
  const direction = (spec.direction ?? 'to') as string;
  if (!['to', 'from', 'both'].includes(direction)) {
    throw new InputError(`spec.direction must be to, from or both`);
  }
  const target = {
    where: 'spec.target.selector',
    mode: readModeSpec(rawTarget.mode, rawTarget.value, 'spec.target'),
    selector: readPodSelector(rawTarget.selector, 'spec.target.selector'),
    direction: direction as NetworkTargetPreview['direction'],
  };
  return { main, target, all: [main, target] };
}

/** The preview from already listed pods (no I/O); `pods` may include pods the selector does not match. */
export function computeBlastRadius(options: {
  resource: ChaosResource;
  cluster: string;
  pods: PodSummary[];
  seed: string;
  maxFraction?: number;
}): BlastRadius {
  const { resource, cluster, pods, seed } = options;
  const maxFraction = options.maxFraction ?? PRODUCTION_MAX_FRACTION;
  if (!(maxFraction >= 0 && maxFraction <= 1)) {
    throw new InputError(`maxFraction must be in 0..1 (got ${maxFraction})`);
  }
  const own = resource.metadata.namespace;
  const { main, target } = readResourceSelections(resource);
  const matchingOf = (s: Selection) =>
    dedupe(pods.filter(p => selectorMatches(s.selector, own, p))).sort(
      comparePods,
    );

  const matching = matchingOf(main);
  const targets = pickPods(
    matching,
    podsToHit(main.mode, matching.length, seed),
    seed,
  );
  const preview: BlastRadius = {
    cluster,
    seed,
    mode: main.mode,
    matching,
    targets,
    fraction: matching.length === 0 ? 0 : targets.length / matching.length,
    limit: { maxFraction, allowed: true, reason: '' },
  };
  if (target) {
    const targetMatching = matchingOf(target);
    preview.target = {
      direction: target.direction,
      mode: target.mode,
      matching: targetMatching,
      hits: hitRange(target.mode, targetMatching.length),
    };
  }
  preview.limit = judge(preview, maxFraction);
  return preview;
}

function dedupe(pods: PodSummary[]): PodSummary[] {
  const seen = new Map(pods.map(p => [podId(p), p]));
  return [...seen.values()];
}

function describeMode(mode: ModeSpec): string {
  return mode.value === undefined ? mode.mode : `${mode.mode} ${mode.value}`;
}

function percent(fraction: number): string {
  return `${Math.round(fraction * 1000) / 10}%`;
}

/** Float-safe `hit / of > maxFraction` (0.1 · 30 is 3.0000000000000004). */
function exceeds(hit: number, of: number, maxFraction: number): boolean {
  return hit > maxFraction * of + 1e-9;
}

function judge(p: BlastRadius, maxFraction: number): BlastRadiusLimit {
  const refuse = (reason: string) => ({ maxFraction, allowed: false, reason });
  const limitText = `the limit of ${percent(maxFraction)}`;
  if (p.matching.length === 0) {
    return refuse(`selector matches no pod in ${p.cluster}`);
  }
  if (p.targets.length === 0) {
    // Chaos Mesh would run the experiment and inject nothing; a "passed"
    // run that tested nothing is worse than a refusal.
    return refuse(
      `${describeMode(p.mode)} of ${
        p.matching.length
      } matching pods hits 0 pods (Chaos Mesh rounds down): the experiment would inject nothing`,
    );
  }
  if (exceeds(p.targets.length, p.matching.length, maxFraction)) {
    return refuse(
      `would hit ${p.targets.length} of ${
        p.matching.length
      } matching pods (${percent(p.fraction)}), above ${limitText}`,
    );
  }
  const t = p.target;
  if (t) {
    if (t.matching.length === 0) {
      return refuse(`target selector matches no pod in ${p.cluster}`);
    }
    // With direction from/both Chaos Mesh also injects into the target
    // pods, so they are part of the blast radius; with `to` they are only
    // the peers whose traffic is disturbed.
    if (
      t.direction !== 'to' &&
      exceeds(t.hits.max, t.matching.length, maxFraction)
    ) {
      return refuse(
        `direction ${t.direction} also injects into up to ${t.hits.max} of ${
          t.matching.length
        } target pods (${percent(
          t.hits.max / t.matching.length,
        )}), above ${limitText}`,
      );
    }
  }
  return {
    maxFraction,
    allowed: true,
    reason: `hits ${p.targets.length} of ${
      p.matching.length
    } matching pods (${percent(p.fraction)}), within ${limitText}`,
  };
}

export interface BlastRadiusRecheck {
  /** True when the previewed targets can be hit as approved. */
  unchanged: boolean;
  /** What to pin now: the previewed targets when unchanged, a re-pick otherwise. */
  blastRadius: BlastRadius;
  /** Human-readable differences, for the run's timeline and audit trail. */
  changes: string[];
}

/**
 * The re-check at run start. `live` is a fresh `previewBlastRadius` of the
 * same resource with the same seed. The approved targets stand when each
 * still exists and matches, the mode still asks for that many pods, and the
 * limit still holds; otherwise the live re-pick replaces them and `changes`
 * says why.
 */
export function recheckBlastRadius(
  previewed: BlastRadius,
  live: BlastRadius,
): BlastRadiusRecheck {
  const liveById = new Map(live.matching.map(p => [podId(p), p]));
  const changes: string[] = [];
  const gone = previewed.targets.filter(p => !liveById.has(podId(p)));
  for (const pod of gone) {
    changes.push(
      `target ${podId(
        pod,
      )} no longer matches the selector (deleted, replaced or relabelled)`,
    );
  }
  if (live.matching.length !== previewed.matching.length) {
    changes.push(
      `matching pods changed from ${previewed.matching.length} to ${live.matching.length}`,
    );
  }
  if (live.targets.length !== previewed.targets.length) {
    changes.push(
      `${describeMode(live.mode)} now hits ${
        live.targets.length
      } pods instead of ${previewed.targets.length}`,
    );
  }
  const keep =
    gone.length === 0 && live.targets.length === previewed.targets.length;
  if (keep) {
    // Keep the approved pods even if a new pod would now win the draw:
    // the approver saw these.
    const targets = previewed.targets.map(p => liveById.get(podId(p))!);
    const blastRadius = { ...live, targets };
    blastRadius.limit = judge(blastRadius, live.limit.maxFraction);
    if (!blastRadius.limit.allowed) changes.push(blastRadius.limit.reason);
    return {
      unchanged: blastRadius.limit.allowed,
      blastRadius,
      changes,
    };
  }
  const added = live.targets.filter(
    p => !previewed.targets.some(q => podId(q) === podId(p)),
  );
  if (added.length > 0) {
    changes.push(`re-picked: ${added.map(podId).join(', ')}`);
  }
  if (!live.limit.allowed) changes.push(live.limit.reason);
  return { unchanged: false, blastRadius: live, changes };
}

/**
 * What the guard rails count for one region: the pods the fault hits and,
 * for a NetworkChaos with direction from or both, the target pods Chaos Mesh
 * injects into as well (up to the most its target mode may pick).
 */
export function countedBlastRadius(
  region: string,
  radius: BlastRadius,
): Array<{ region: string; targets: number; matching: number }> {
  const counted = [
    {
      region,
      targets: radius.targets.length,
      matching: radius.matching.length,
    },
  ];
  const t = radius.target;
  if (t && t.direction !== 'to') {
    counted.push({
      region: `${region} (target pods, direction ${t.direction})`,
      targets: t.hits.max,
      matching: t.matching.length,
    });
  }
  return counted;
}
