import { k8sTable } from '../payloads/k8s';

/** kubectl's short age format: 45s, 12m, 5h, 3d. */
export function shortAge(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 120) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h`;
  return `${Math.floor(h / 24)}d`;
}

type Obj = Record<string, any>;
const NAME = {
  name: 'Name',
  type: 'string',
  format: 'name',
  description: 'Name must be unique within a namespace.',
};
const AGE = { name: 'Age', type: 'string', description: 'CreationTimestamp' };

/**
 * Server-side printing (meta.k8s.io/v1 Table) for the kinds kubectl lists, so `kubectl get`
 * prints the familiar columns. Ages are computed in world time.
 */
export function toTable(
  plural: string,
  objects: Obj[],
  now: number,
  resourceVersion: string,
) {
  const age = (o: Obj) =>
    shortAge(now - Date.parse(o.metadata.creationTimestamp));
  const rows = (cells: (o: Obj) => unknown[]) =>
    objects.map(o => ({ cells: cells(o), metadata: o.metadata }));
  switch (plural) {
    case 'pods':
      return k8sTable(
        [
          NAME,
          { name: 'Ready', type: 'string' },
          { name: 'Status', type: 'string' },
          { name: 'Restarts', type: 'string' },
          AGE,
          { name: 'IP', type: 'string', priority: 1 },
          { name: 'Node', type: 'string', priority: 1 },
        ],
        rows(o => {
          const statuses: Obj[] = o.status.containerStatuses ?? [];
          const ready = statuses.filter(c => c.ready).length;
          const notReady = o.status.conditions?.find(
            (c: Obj) => c.type === 'Ready',
          )?.reason;
          let status = o.status.phase;
          if (status === 'Pending') status = 'ContainerCreating';
          else if (notReady === 'NodeNotReady') status = 'Unknown';
          return [
            o.metadata.name,
            `${ready}/${statuses.length}`,
            status,
            String(statuses.reduce((s, c) => s + (c.restartCount ?? 0), 0)),
            age(o),
            o.status.podIP ?? '<none>',
            o.spec.nodeName ?? '<none>',
          ];
        }),
        resourceVersion,
      );
    case 'deployments':
      return k8sTable(
        [
          NAME,
          { name: 'Ready', type: 'string' },
          { name: 'Up-to-date', type: 'integer' },
          { name: 'Available', type: 'integer' },
          AGE,
        ],
        rows(o => [
          o.metadata.name,
          `${o.status.readyReplicas ?? 0}/${o.spec.replicas}`,
          o.status.updatedReplicas ?? 0,
          o.status.availableReplicas ?? 0,
          age(o),
        ]),
        resourceVersion,
      );
    case 'replicasets':
      return k8sTable(
        [
          NAME,
          { name: 'Desired', type: 'integer' },
          { name: 'Current', type: 'integer' },
          { name: 'Ready', type: 'integer' },
          AGE,
        ],
        rows(o => [
          o.metadata.name,
          o.spec.replicas,
          o.status.replicas ?? 0,
          o.status.readyReplicas ?? 0,
          age(o),
        ]),
        resourceVersion,
      );
    case 'namespaces':
      return k8sTable(
        [NAME, { name: 'Status', type: 'string' }, AGE],
        rows(o => [o.metadata.name, o.status.phase, age(o)]),
        resourceVersion,
      );
    default:
      // Chaos Mesh CRDs: the CRDs' additionalPrinterColumns (action, duration) plus age.
      return k8sTable(
        [
          NAME,
          { name: 'Action', type: 'string' },
          { name: 'Duration', type: 'string' },
          AGE,
        ],
        rows(o => [
          o.metadata.name,
          o.spec?.action ?? '',
          o.spec?.duration ?? '',
          age(o),
        ]),
        resourceVersion,
      );
  }
}
