import { Workload } from '../kustomize/objects';
import { isRecord } from '../util/files';
import { Environment } from './metadata';
import { faultsOf, selectionsOf } from './faults';
import { selectedWorkloads } from './selectors';

/** Largest share of a workload's pods a production experiment may affect. */
export const PRODUCTION_MAX_FRACTION = 0.1;

/** Pods a selection would hit out of `replicas`, per Chaos Mesh's mode semantics. */
function podsHit(
  mode: unknown,
  value: unknown,
  replicas: number,
): number | undefined {
  const n =
    typeof value === 'string' && /^[0-9]+$/.test(value)
      ? Number(value)
      : undefined;
  switch (mode) {
    case 'one':
      return 1;
    case 'all':
      return replicas;
    case 'fixed':
      return n;
    default:
      return undefined;
  }
}

/**
 * Checks selectors against the environment's workloads and, for production, the blast-radius
 * and duration policy. `workloads` come from the environment's kustomize overlay.
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
  if (environment === 'production' && resource.kind === 'Schedule') {
    errors.push(
      'production experiments cannot be Schedules: production runs start from the portal in an approved window',
    );
  }
  for (const fault of faultsOf(resource)) {
    for (const sel of selectionsOf(fault)) {
      const matched = selectedWorkloads(sel.selector, ownNamespace, workloads);
      if (matched.length === 0) {
        errors.push(
          `${sel.where}.selector matches no Deployment in the ${environment} overlay`,
        );
        continue;
      }
      if (environment !== 'production') {
        continue;
      }
      if (sel.mode === 'fixed-percent' || sel.mode === 'random-max-percent') {
        if (Number(sel.value) > PRODUCTION_MAX_FRACTION * 100) {
          errors.push(
            `${sel.where}: production limit is ${
              PRODUCTION_MAX_FRACTION * 100
            }% of pods (${String(sel.mode)} ${String(sel.value)})`,
          );
        }
        continue;
      }
      // Judge against the smallest selected workload at its fewest replicas: the worst case.
      const smallest = matched.reduce((a, b) =>
        b.minReplicas < a.minReplicas ? b : a,
      );
      const hit = podsHit(sel.mode, sel.value, smallest.minReplicas);
      if (
        hit === undefined ||
        hit > PRODUCTION_MAX_FRACTION * smallest.minReplicas
      ) {
        errors.push(
          `${sel.where}: mode ${String(sel.mode)} hits ${hit ?? '?'} of ${
            smallest.minReplicas
          } pods of ${smallest.namespace}/${smallest.name} (production limit ${
            PRODUCTION_MAX_FRACTION * 100
          }%)`,
        );
      }
    }
    if (
      environment === 'production' &&
      fault.spec.duration === undefined &&
      fault.deadline === undefined
    ) {
      errors.push(`${fault.where}: production faults need a duration`);
    }
  }
  return errors;
}
