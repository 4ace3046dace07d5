import { isRecord } from '../util/files';

/** One fault injection inside a resource: a top-level spec, a Schedule's or a Workflow step's. */
export interface Fault {
  /** Where in the resource, for messages: "spec", "spec.podChaos", "spec.templates[fail-api]". */
  where: string;
  kind: 'PodChaos' | 'NetworkChaos' | 'StressChaos';
  spec: Record<string, unknown>;
  /** Deadline of the enclosing Workflow step, which bounds a fault without its own duration. */
  deadline?: unknown;
  /** Name of the Workflow template that injects it. */
  template?: string;
}

const EMBEDDED: Record<string, Fault['kind']> = {
  podChaos: 'PodChaos',
  networkChaos: 'NetworkChaos',
  stressChaos: 'StressChaos',
};

/** Lists the faults a Chaos Mesh resource injects, whatever its kind. */
export function faultsOf(resource: Record<string, unknown>): Fault[] {
  const spec = isRecord(resource.spec) ? resource.spec : {};
  switch (resource.kind) {
    case 'PodChaos':
    case 'NetworkChaos':
    case 'StressChaos':
      return [{ where: 'spec', kind: resource.kind, spec }];
    case 'Schedule':
      return Object.entries(EMBEDDED).flatMap(([field, kind]) =>
        isRecord(spec[field])
          ? [
              {
                where: `spec.${field}`,
                kind,
                spec: spec[field] as Record<string, unknown>,
              },
            ]
          : [],
      );
    case 'Workflow':
      return (Array.isArray(spec.templates) ? spec.templates : []).flatMap(
        t => {
          if (!isRecord(t)) return [];
          return Object.entries(EMBEDDED).flatMap(([field, kind]) =>
            isRecord(t[field])
              ? [
                  {
                    where: `spec.templates[${String(t.name)}].${field}`,
                    kind,
                    spec: t[field] as Record<string, unknown>,
                    deadline: t.deadline,
                    template: String(t.name),
                  },
                ]
              : [],
          );
        },
      );
    default:
      return [];
  }
}

/** The pod selections of a fault: the selector, plus the target of a NetworkChaos. */
export function selectionsOf(fault: Fault): Array<{
  where: string;
  mode: unknown;
  value: unknown;
  selector: Record<string, unknown>;
}> {
  const out = [];
  if (isRecord(fault.spec.selector)) {
    out.push({
      where: fault.where,
      mode: fault.spec.mode,
      value: fault.spec.value,
      selector: fault.spec.selector,
    });
  }
  const target = fault.spec.target;
  if (isRecord(target) && isRecord(target.selector)) {
    out.push({
      where: `${fault.where}.target`,
      mode: target.mode,
      value: target.value,
      selector: target.selector,
    });
  }
  return out;
}

/**
 * Sets of faults that may be active at the same time: every fault on its own, plus, in a
 * Workflow, every fault below the same Parallel template (Chaos Mesh starts those together,
 * so their pods add up).
 */
export function concurrentFaults(resource: Record<string, unknown>): Fault[][] {
  const faults = faultsOf(resource);
  const groups: Fault[][] = faults.map(f => [f]);
  if (resource.kind !== 'Workflow') return groups;
  const spec = isRecord(resource.spec) ? resource.spec : {};
  const templates = new Map(
    (Array.isArray(spec.templates) ? spec.templates : [])
      .filter(isRecord)
      .map(t => [String(t.name), t]),
  );
  const below = (name: string, seen: Set<string>): Fault[] => {
    if (seen.has(name)) return [];
    seen.add(name);
    const t = templates.get(name);
    const children =
      t && Array.isArray(t.children) ? t.children.map(String) : [];
    return [
      ...faults.filter(f => f.template === name),
      ...children.flatMap(c => below(c, seen)),
    ];
  };
  for (const [name, t] of templates) {
    if (t.templateType === 'Parallel') {
      const group = below(name, new Set());
      if (group.length > 1) groups.push(group);
    }
  }
  return groups;
}
