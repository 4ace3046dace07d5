import { Workload } from '../kustomize/objects';
import { isRecord } from '../util/files';
import { Environment } from './metadata';
import { concurrentFaults, Fault, selectionsOf } from './faults';
import { selectedWorkloads } from './selectors';

/**
 * Largest share of a workload's pods a production experiment may affect. The one source of
 * the 10 % limit: the backend's live blast-radius check imports it too.
 */
export const PRODUCTION_MAX_FRACTION = 0.1;

/** Opt-in annotation for the one kind of experiment meant to take every pod down: a region outage. */
export const REGION_OUTAGE_ANNOTATION = 'nt-infra.io/region-outage';

/**
 * Pods Chaos Mesh selects out of `count` matching ones, worst case, exactly as its
 * `FilterObjectsByMode` (pkg/selector/generic/mode.go) computes it: one → 1, all → count,
 * fixed → min(value, count), fixed-percent → ⌈count · value / 100⌉ (rounded UP since
 * chaos-mesh#3036, "percent selection should select at least one"), random-max-percent → up to
 * ⌈count · value / 100⌉ (the percentage is drawn from 0..value). Undefined for an invalid mode.
 */
export function chaosMeshPodsHit(
  mode: unknown,
  value: unknown,
  count: number,
): number | undefined {
  if (count <= 0) return 0;
  const n =
    typeof value === 'string' && /^[0-9]+$/.test(value)
      ? Number(value)
      : undefined;
  switch (mode) {
    case 'one':
      return 1;
    case 'all':
      return count;
    case 'fixed':
      return n === undefined ? undefined : Math.min(n, count);
    case 'fixed-percent':
    case 'random-max-percent':
      return n === undefined
        ? undefined
        : Math.min(count, Math.ceil((count * n) / 100));
    default:
      return undefined;
  }
}

/** Faults that make the selected pods unavailable, as opposed to slowing them down. */
function takesPodsDown(fault: Fault): boolean {
  if (fault.kind === 'PodChaos') return true;
  if (fault.kind !== 'NetworkChaos') return false;
  const loss = isRecord(fault.spec.loss) ? fault.spec.loss.loss : undefined;
  return (
    fault.spec.action === 'partition' ||
    (fault.spec.action === 'loss' && String(loss) === '100')
  );
}

interface Hit {
  where: string;
  mode: unknown;
  value: unknown;
  workloads: Workload[];
}

const key = (w: Workload) => `${w.namespace}/${w.name}`;

/**
 * Pods of `w` hit at its floor (HPA minReplicas of the environment's overlay) by a set of
 * selections that run at the same time. Above the floor the portal pins the exact pods from the
 * live cluster before a run starts; the floor is what every run can count on.
 */
function atFloor(
  w: Workload,
  hits: Hit[],
): { pods: number; hit: number } | { invalid: Hit } {
  const pods = Math.max(1, w.minReplicas);
  let hit = 0;
  for (const h of hits) {
    // A selection spanning several workloads draws from their pooled pods; in the worst case
    // every pick lands in this one.
    const pooled = h.workloads.reduce(
      (sum, o) => sum + (key(o) === key(w) ? pods : o.minReplicas),
      0,
    );
    const n = chaosMeshPodsHit(h.mode, h.value, pooled);
    if (n === undefined) return { invalid: h };
    hit += Math.min(n, pods);
  }
  return { pods, hit: Math.min(hit, pods) };
}

function isRegionOutage(resource: Record<string, unknown>): boolean {
  const meta = isRecord(resource.metadata) ? resource.metadata : {};
  const annotations = isRecord(meta.annotations) ? meta.annotations : {};
  return annotations[REGION_OUTAGE_ANNOTATION] === 'true';
}

/** A region outage must be confined to one region and abort itself when the failover fails. */
function regionOutageErrors(resource: Record<string, unknown>): string[] {
  const meta = isRecord(resource.metadata) ? resource.metadata : {};
  const annotations = isRecord(meta.annotations) ? meta.annotations : {};
  const spec = isRecord(resource.spec) ? resource.spec : {};
  const templates = Array.isArray(spec.templates)
    ? spec.templates.filter(isRecord)
    : [];
  const errors: string[] = [];
  if (typeof annotations['nt-infra.io/region'] !== 'string') {
    errors.push(
      `${REGION_OUTAGE_ANNOTATION}: a region outage must name its one region (nt-infra.io/region)`,
    );
  }
  if (
    !templates.some(
      t => t.templateType === 'StatusCheck' && t.abortWithStatusCheck === true,
    )
  ) {
    errors.push(
      `${REGION_OUTAGE_ANNOTATION}: a region outage needs a StatusCheck with abortWithStatusCheck on the global endpoint`,
    );
  }
  return errors;
}

/**
 * Checks selectors against the environment's workloads and the blast radius: in production at
 * most PRODUCTION_MAX_FRACTION of any workload's pods at its floor, counted with Chaos Mesh's
 * rounding and summed over faults that run at the same time; in staging never every pod of a
 * workload, unless the experiment is a declared region outage.
 */
export function policyErrors(
  resource: Record<string, unknown>,
  environment: Environment,
  workloads: Workload[],
): string[] {
  const errors: string[] = [];
  const meta = isRecord(resource.metadata) ? resource.metadata : {};
  const ownNamespace =
    typeof meta.namespace === 'string' ? meta.namespace : 'default';
  const production = environment === 'production';
  if (production && resource.kind === 'Schedule') {
    errors.push(
      'production experiments cannot be Schedules: production runs start from the portal in an approved window',
    );
  }
  const outage = isRegionOutage(resource);
  if (outage) {
    if (production) {
      errors.push(
        `${REGION_OUTAGE_ANNOTATION}: production region failovers run as failover tests (Traffic Manager), never as chaos taking every pod down`,
      );
    }
    errors.push(...regionOutageErrors(resource));
  }

  const groups = concurrentFaults(resource);
  const selections = new Map<Fault, Hit[]>();
  for (const group of groups) {
    for (const fault of group) {
      if (selections.has(fault)) continue;
      const hits: Hit[] = [];
      for (const sel of selectionsOf(fault)) {
        const matched = selectedWorkloads(
          sel.selector,
          ownNamespace,
          workloads,
        );
        if (matched.length === 0) {
          errors.push(
            `${sel.where}.selector matches no Deployment in the ${environment} overlay`,
          );
          continue;
        }
        hits.push({ ...sel, workloads: matched });
      }
      selections.set(fault, hits);
      if (
        production &&
        fault.spec.duration === undefined &&
        fault.deadline === undefined
      ) {
        errors.push(`${fault.where}: production faults need a duration`);
      }
    }
  }

  const reported = new Set<string>();
  for (const group of groups) {
    const counted = production ? group : group.filter(takesPodsDown);
    const hits = counted.flatMap(f => selections.get(f) ?? []);
    const touched = new Map(
      hits.flatMap(h => h.workloads).map(w => [key(w), w]),
    );
    for (const w of touched.values()) {
      const mine = hits.filter(h => h.workloads.some(o => key(o) === key(w)));
      const where =
        group.length > 1
          ? `${mine.map(h => h.where).join(' + ')} (run in parallel)`
          : mine.map(h => h.where).join(', ');
      const worst = atFloor(w, mine);
      if ('invalid' in worst) {
        errors.push(
          `${worst.invalid.where}: mode ${String(
            worst.invalid.mode,
          )} with value ${String(worst.invalid.value)} cannot be judged`,
        );
        continue;
      }
      const id = `${where}|${key(w)}`;
      if (reported.has(id)) continue;
      if (production && worst.hit > PRODUCTION_MAX_FRACTION * worst.pods) {
        reported.add(id);
        errors.push(
          `${where}: hits ${worst.hit} of ${worst.pods} pods of ${key(
            w,
          )} (${Math.round(
            (100 * worst.hit) / worst.pods,
          )}% with Chaos Mesh's rounding; production limit ${
            PRODUCTION_MAX_FRACTION * 100
          }%)`,
        );
      } else if (!production && !outage && worst.hit >= worst.pods) {
        reported.add(id);
        errors.push(
          `${where}: takes down all ${worst.pods} pod(s) of ${key(
            w,
          )} (HPA floor ${
            w.minReplicas
          }); leave at least one pod, or declare a region outage (${REGION_OUTAGE_ANNOTATION})`,
        );
      }
    }
  }
  return errors;
}
