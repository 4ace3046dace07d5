import { isRecord } from '../util/files';

/** The part of a Kubernetes object every check relies on. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
  };
  spec?: Record<string, unknown>;
  data?: Record<string, unknown>;
}

export function isK8sObject(value: unknown): value is K8sObject {
  return (
    isRecord(value) &&
    typeof value.apiVersion === 'string' &&
    typeof value.kind === 'string' &&
    isRecord(value.metadata) &&
    typeof value.metadata.name === 'string'
  );
}

/** A Deployment reduced to what blast-radius and selector checks need. */
export interface Workload {
  namespace: string;
  name: string;
  podLabels: Record<string, string>;
  /** Fewest pods the workload can run with: HPA minReplicas when autoscaled, else replicas. */
  minReplicas: number;
  /** Most pods it may run: HPA maxReplicas when autoscaled, else minReplicas. */
  maxReplicas?: number;
}

function stringMap(value: unknown): Record<string, string> {
  return isRecord(value)
    ? (Object.fromEntries(
        Object.entries(value).filter(([, v]) => typeof v === 'string'),
      ) as Record<string, string>)
    : {};
}

export function podTemplateLabels(
  deployment: K8sObject,
): Record<string, string> {
  const template = isRecord(deployment.spec?.template)
    ? deployment.spec!.template
    : {};
  return stringMap(
    isRecord(template.metadata) ? template.metadata.labels : undefined,
  );
}

export function workloadsOf(objects: K8sObject[]): Workload[] {
  const hpa = new Map<string, { min: number; max?: number }>();
  for (const o of objects.filter(x => x.kind === 'HorizontalPodAutoscaler')) {
    const ref = isRecord(o.spec?.scaleTargetRef) ? o.spec!.scaleTargetRef : {};
    if (ref.kind === 'Deployment' && typeof o.spec?.minReplicas === 'number') {
      hpa.set(`${o.metadata.namespace}/${String(ref.name)}`, {
        min: o.spec.minReplicas,
        max:
          typeof o.spec.maxReplicas === 'number'
            ? o.spec.maxReplicas
            : undefined,
      });
    }
  }
  return objects
    .filter(o => o.kind === 'Deployment')
    .map(d => {
      const namespace = d.metadata.namespace ?? 'default';
      const replicas =
        typeof d.spec?.replicas === 'number' ? d.spec.replicas : 1;
      const scaled = hpa.get(`${namespace}/${d.metadata.name}`);
      return {
        namespace,
        name: d.metadata.name,
        podLabels: podTemplateLabels(d),
        minReplicas: scaled?.min ?? replicas,
        maxReplicas: scaled ? scaled.max ?? scaled.min : replicas,
      };
    });
}

/** Kubernetes label-selector semantics for matchLabels plus matchExpressions. */
export function labelsMatch(
  labels: Record<string, string>,
  matchLabels: Record<string, string>,
  expressions: Array<{ key: string; operator: string; values?: string[] }> = [],
): boolean {
  if (!Object.entries(matchLabels).every(([k, v]) => labels[k] === v)) {
    return false;
  }
  return expressions.every(e => {
    const has = e.key in labels;
    switch (e.operator) {
      case 'In':
        return has && (e.values ?? []).includes(labels[e.key]);
      case 'NotIn':
        return !has || !(e.values ?? []).includes(labels[e.key]);
      case 'Exists':
        return has;
      case 'DoesNotExist':
        return !has;
      default:
        return false;
    }
  });
}
