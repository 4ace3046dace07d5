import { isRecord } from '../util/files';
import { K8sObject, labelsMatch, podTemplateLabels } from './objects';

/** Labels the portal and the chaos experiments select app workloads by. */
const REQUIRED_LABELS = [
  'app.kubernetes.io/name',
  'app.kubernetes.io/part-of',
  'app.kubernetes.io/component',
];
const APP_WORKLOADS = ['ntai-api', 'ntai-web', 'ntai-worker'];
const PORTAL = {
  namespace: 'nt-infra',
  name: 'nt-infra-portal',
  minReplicas: 2,
};
/** A cost guard rail: an HPA may not scale a workload past this without a reviewed change here. */
const HPA_MAX_REPLICAS = 30;

type Obj = Record<string, unknown>;
const rec = (v: unknown): Obj => (isRecord(v) ? v : {});
const list = (v: unknown): Obj[] =>
  Array.isArray(v) ? v.filter(isRecord) : [];
const id = (o: K8sObject) =>
  `${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`;

function checkDeployment(
  d: K8sObject,
  configMaps: Set<string>,
  errors: string[],
) {
  const podLabels = podTemplateLabels(d);
  const selector = rec(rec(d.spec?.selector).matchLabels) as Record<
    string,
    string
  >;
  if (Object.keys(selector).length === 0 || !labelsMatch(podLabels, selector)) {
    errors.push(
      `${id(
        d,
      )}: selector.matchLabels must be non-empty and match the pod template labels`,
    );
  }
  for (const label of REQUIRED_LABELS) {
    if (!d.metadata.labels?.[label] || !podLabels[label]) {
      errors.push(
        `${id(
          d,
        )}: label ${label} missing on the Deployment or its pod template`,
      );
    }
  }
  const podSpec = rec(rec(d.spec?.template).spec);
  for (const c of list(podSpec.containers)) {
    const where = `${id(d)} container ${String(c.name)}`;
    const resources = rec(c.resources);
    if (!rec(resources.requests).cpu || !rec(resources.requests).memory)
      errors.push(`${where}: resources.requests.cpu and .memory are required`);
    if (!rec(resources.limits).memory)
      errors.push(`${where}: resources.limits.memory is required`);
    if (!isRecord(c.livenessProbe))
      errors.push(`${where}: livenessProbe is required`);
    if (!isRecord(c.readinessProbe))
      errors.push(`${where}: readinessProbe is required`);
    for (const env of list(c.env)) {
      const ref = rec(rec(env.valueFrom).configMapKeyRef);
      if (
        typeof ref.name === 'string' &&
        !configMaps.has(`${d.metadata.namespace}/${ref.name}`)
      ) {
        errors.push(
          `${where}: env ${String(env.name)} references missing ConfigMap ${
            ref.name
          }`,
        );
      }
    }
  }
}

/**
 * Checks a rendered overlay: workload hygiene (resources, probes, labels), HPAs targeting
 * existing Deployments within 1..10, and PDBs, Services and NetworkPolicies selecting real pods.
 */
export function validateManifests(objects: K8sObject[]): string[] {
  const errors: string[] = [];
  const deployments = objects.filter(o => o.kind === 'Deployment');
  const configMaps = new Set(
    objects
      .filter(o => o.kind === 'ConfigMap')
      .map(o => `${o.metadata.namespace}/${o.metadata.name}`),
  );
  const podsIn = (namespace: string | undefined) =>
    deployments
      .filter(d => d.metadata.namespace === namespace)
      .map(podTemplateLabels);
  const selects = (
    o: K8sObject,
    matchLabels: Record<string, string>,
    expressions?: unknown,
  ) =>
    podsIn(o.metadata.namespace).some(labels =>
      labelsMatch(
        labels,
        matchLabels,
        Array.isArray(expressions)
          ? (expressions as Array<{
              key: string;
              operator: string;
              values?: string[];
            }>)
          : [],
      ),
    );

  deployments.forEach(d => checkDeployment(d, configMaps, errors));
  for (const name of APP_WORKLOADS) {
    if (
      !deployments.some(
        d => d.metadata.namespace === 'ntai' && d.metadata.name === name,
      )
    ) {
      errors.push(`Deployment ntai/${name} is missing`);
    }
  }
  const portal = deployments.find(
    d =>
      d.metadata.namespace === PORTAL.namespace &&
      d.metadata.name === PORTAL.name,
  );
  if (!portal) {
    errors.push(`Deployment ${PORTAL.namespace}/${PORTAL.name} is missing`);
  } else if (
    typeof portal.spec?.replicas !== 'number' ||
    portal.spec.replicas < PORTAL.minReplicas
  ) {
    errors.push(`${id(portal)}: needs at least ${PORTAL.minReplicas} replicas`);
  }

  for (const hpa of objects.filter(o => o.kind === 'HorizontalPodAutoscaler')) {
    const ref = rec(hpa.spec?.scaleTargetRef);
    const target = deployments.find(
      d =>
        d.metadata.namespace === hpa.metadata.namespace &&
        d.metadata.name === ref.name,
    );
    // The HPA owns the replica count: a fixed one is re-applied by every kubectl apply or
    // Argo CD sync and drops the workload below its floor until the HPA scales it back.
    if (ref.kind === 'Deployment' && target?.spec?.replicas !== undefined) {
      errors.push(
        `${id(target)}: spec.replicas (${String(
          target.spec.replicas,
        )}) must not be set: ${id(hpa)} owns the replica count`,
      );
    }
    if (ref.kind !== 'Deployment' || !target) {
      errors.push(
        `${id(hpa)}: scaleTargetRef ${String(ref.kind)}/${String(
          ref.name,
        )} is not a Deployment in this overlay`,
      );
    }
    const min = hpa.spec?.minReplicas;
    const max = hpa.spec?.maxReplicas;
    if (
      typeof min !== 'number' ||
      typeof max !== 'number' ||
      min < 1 ||
      max > HPA_MAX_REPLICAS ||
      min > max
    ) {
      errors.push(
        `${id(
          hpa,
        )}: replicas must satisfy 1 <= minReplicas <= maxReplicas <= ${HPA_MAX_REPLICAS} (got ${String(
          min,
        )}..${String(max)})`,
      );
    }
  }
  for (const pdb of objects.filter(o => o.kind === 'PodDisruptionBudget')) {
    const sel = rec(pdb.spec?.selector);
    if (
      !selects(
        pdb,
        rec(sel.matchLabels) as Record<string, string>,
        sel.matchExpressions,
      ) ||
      Object.keys(rec(sel.matchLabels)).length === 0
    ) {
      errors.push(
        `${id(pdb)}: selector matches no pods of a Deployment in its namespace`,
      );
    }
  }
  for (const svc of objects.filter(o => o.kind === 'Service')) {
    const sel = rec(svc.spec?.selector) as Record<string, string>;
    if (Object.keys(sel).length === 0 || !selects(svc, sel)) {
      errors.push(
        `${id(svc)}: selector matches no pods of a Deployment in its namespace`,
      );
    }
  }
  for (const np of objects.filter(o => o.kind === 'NetworkPolicy')) {
    const sel = rec(np.spec?.podSelector);
    const empty =
      Object.keys(rec(sel.matchLabels)).length === 0 &&
      !Array.isArray(sel.matchExpressions);
    if (
      !empty &&
      !selects(
        np,
        rec(sel.matchLabels) as Record<string, string>,
        sel.matchExpressions,
      )
    ) {
      errors.push(`${id(np)}: podSelector matches no pods in its namespace`);
    }
  }
  const services = new Set(
    objects
      .filter(o => o.kind === 'Service')
      .map(o => `${o.metadata.namespace}/${o.metadata.name}`),
  );
  for (const ing of objects.filter(o => o.kind === 'Ingress')) {
    for (const rule of list(ing.spec?.rules)) {
      for (const p of list(rec(rule.http).paths)) {
        const name = rec(rec(p.backend).service).name;
        if (!services.has(`${ing.metadata.namespace}/${String(name)}`)) {
          errors.push(
            `${id(ing)}: backend service ${String(name)} does not exist`,
          );
        }
      }
    }
  }
  return errors;
}
