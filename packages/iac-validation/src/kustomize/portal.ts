import fs from 'fs';
import path from 'path';
import { isRecord } from '../util/files';
import { parseYamlDocuments } from '../util/yaml';
import { K8sObject } from './objects';

export const PRODUCTION_CONFIG = 'app-config.production.yaml';
const NAMESPACE = 'nt-infra';
const PORTAL = 'nt-infra-portal';
const READER = 'nt-infra-portal-reader';
const APP_NAMESPACE = 'ntai';
const READ_VERBS = new Set(['get', 'list', 'watch']);
/**
 * What Azure Workload Identity's mutating webhook adds to every container of a pod
 * labelled `azure.workload.identity/use: "true"`.
 */
const WORKLOAD_IDENTITY_ENV = [
  'AZURE_CLIENT_ID',
  'AZURE_TENANT_ID',
  'AZURE_FEDERATED_TOKEN_FILE',
  'AZURE_AUTHORITY_HOST',
];
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type Obj = Record<string, unknown>;
const rec = (v: unknown): Obj => (isRecord(v) ? v : {});
const list = (v: unknown): Obj[] =>
  Array.isArray(v) ? v.filter(isRecord) : [];
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.map(String) : [];
const raw = (o: K8sObject): Obj => o as unknown as Obj;

function find(objects: K8sObject[], kind: string, name: string, ns?: string) {
  return objects.find(
    o =>
      o.kind === kind &&
      o.metadata.name === name &&
      (ns === undefined || o.metadata.namespace === ns),
  );
}

/** The `${VAR}`s a config file reads from the environment. */
export function configVariables(text: string): Set<string> {
  return new Set([...text.matchAll(/\$\{([A-Z][A-Z0-9_]*)\}/g)].map(m => m[1]));
}

/**
 * Environment the portal container gets: its env entries, and the keys of every envFrom
 * ConfigMap in the overlay or Secret synced by a SecretProviderClass the pod mounts (a CSI
 * synced Secret exists only while a pod mounts its class), and what the workload identity
 * webhook injects when the pod asks for it.
 */
function portalEnvironment(
  objects: K8sObject[],
  podLabels: Obj,
  podSpec: Obj,
  container: Obj,
) {
  const names = new Set(list(container.env).map(e => String(e.name)));
  if (podLabels['azure.workload.identity/use'] === 'true') {
    WORKLOAD_IDENTITY_ENV.forEach(n => names.add(n));
  }
  const mounted = new Set(
    list(podSpec.volumes)
      .map(v => rec(rec(rec(v.csi).volumeAttributes)).secretProviderClass)
      .filter((n): n is string => typeof n === 'string'),
  );
  const problems: string[] = [];
  for (const source of list(container.envFrom)) {
    const cm = rec(source.configMapRef).name;
    const secret = rec(source.secretRef).name;
    if (typeof cm === 'string') {
      const map = find(objects, 'ConfigMap', cm, NAMESPACE);
      Object.keys(map?.data ?? {}).forEach(k => names.add(k));
    }
    if (typeof secret === 'string') {
      const synced = objects
        .filter(
          o =>
            o.kind === 'SecretProviderClass' &&
            o.metadata.namespace === NAMESPACE &&
            mounted.has(o.metadata.name),
        )
        .flatMap(o => list(o.spec?.secretObjects))
        .find(s => s.secretName === secret);
      if (!synced) {
        problems.push(
          `envFrom Secret ${secret} is neither in the overlay nor synced by a SecretProviderClass the pod mounts`,
        );
      }
      list(synced?.data).forEach(d => names.add(String(d.key)));
    }
  }
  return { names, problems };
}

/**
 * The portal in its cluster: every `${VAR}` of app-config.production.yaml reaches the
 * container (secrets from Key Vault through the CSI driver, as the portal's workload
 * identity), PostgreSQL is reached with Entra tokens rather than a password, and the
 * workload identity values agree between service account and SecretProviderClass.
 */
export function portalProblems(
  repoRoot: string,
  objects: K8sObject[],
): string[] {
  const problems: string[] = [];
  const deployment = find(objects, 'Deployment', PORTAL, NAMESPACE);
  if (!deployment) return [`Deployment ${NAMESPACE}/${PORTAL} is missing`];
  const template = rec(deployment.spec?.template);
  const podSpec = rec(template.spec);
  const podLabels = rec(rec(template.metadata).labels);
  const container = list(podSpec.containers)[0] ?? {};
  const text = fs.readFileSync(path.join(repoRoot, PRODUCTION_CONFIG), 'utf8');
  const env = portalEnvironment(objects, podLabels, podSpec, container);
  problems.push(...env.problems);
  for (const variable of configVariables(text)) {
    if (!env.names.has(variable)) {
      problems.push(
        `${PRODUCTION_CONFIG} reads \${${variable}}, which Deployment ${PORTAL} does not get`,
      );
    }
  }
  const connection = rec(
    rec(rec(rec(parseYamlDocuments(text).documents[0]).backend).database)
      .connection,
  );
  if (connection.type !== 'azure' || 'password' in connection) {
    problems.push(
      `${PRODUCTION_CONFIG}: backend.database.connection must be type azure without a password (PostgreSQL accepts Entra tokens only)`,
    );
  }
  for (const e of list(container.env)) {
    if (/PASSWORD/.test(String(e.name))) {
      problems.push(
        `Deployment ${PORTAL}: env ${String(
          e.name,
        )}: PostgreSQL has no passwords (Entra authentication)`,
      );
    }
  }
  const account = find(objects, 'ServiceAccount', PORTAL, NAMESPACE);
  const clientId = (
    account?.metadata as { annotations?: Record<string, string> } | undefined
  )?.annotations?.['azure.workload.identity/client-id'];
  if (podSpec.serviceAccountName !== PORTAL) {
    problems.push(`Deployment ${PORTAL}: serviceAccountName must be ${PORTAL}`);
  }
  if (podLabels['azure.workload.identity/use'] !== 'true') {
    problems.push(
      `Deployment ${PORTAL}: pod label azure.workload.identity/use must be 'true'`,
    );
  }
  for (const spc of objects.filter(
    o => o.kind === 'SecretProviderClass' && o.metadata.namespace === NAMESPACE,
  )) {
    const params = rec(spc.spec?.parameters);
    const where = `SecretProviderClass ${spc.metadata.name}`;
    if (params.usePodIdentity !== 'false') {
      problems.push(
        `${where}: usePodIdentity must be 'false' (workload identity)`,
      );
    }
    if (params.clientID !== clientId) {
      problems.push(
        `${where}: clientID must be the service account's azure.workload.identity/client-id`,
      );
    }
    for (const key of ['clientID', 'tenantId']) {
      const value = String(params[key] ?? '');
      if (value !== '' && !GUID.test(value)) {
        problems.push(
          `${where}: ${key} must be a GUID from terraform output, or empty before the first apply (got ${value})`,
        );
      }
    }
    if (!String(params.keyvaultName ?? '')) {
      problems.push(`${where}: keyvaultName is missing`);
    }
  }
  return [...problems, ...rbacProblems(objects)];
}

function writes(rule: Obj): boolean {
  return strings(rule.verbs).some(v => !READ_VERBS.has(v));
}

/**
 * The Kubernetes tab's reader may only read, and never Secrets; only the run engine (the
 * portal's own service account) may write Chaos Mesh objects, and only in the app namespace.
 */
export function rbacProblems(objects: K8sObject[]): string[] {
  const problems: string[] = [];
  const roles = objects.filter(
    o => o.kind === 'Role' || o.kind === 'ClusterRole',
  );
  const bindings = objects.filter(
    o => o.kind === 'RoleBinding' || o.kind === 'ClusterRoleBinding',
  );
  const boundTo = (role: K8sObject) =>
    bindings
      .filter(b => {
        const ref = rec(raw(b).roleRef);
        return (
          ref.kind === role.kind &&
          ref.name === role.metadata.name &&
          (role.kind === 'ClusterRole' ||
            b.metadata.namespace === role.metadata.namespace)
        );
      })
      .flatMap(b => list(raw(b).subjects));
  for (const role of roles) {
    const id = `${role.kind} ${role.metadata.name}`;
    const rules = list(raw(role).rules);
    const subjects = boundTo(role);
    const chaosWrite = rules.some(
      r =>
        strings(r.apiGroups).some(g => g === 'chaos-mesh.org' || g === '*') &&
        writes(r),
    );
    if (chaosWrite) {
      if (role.kind !== 'Role' || role.metadata.namespace !== APP_NAMESPACE) {
        problems.push(
          `${id}: Chaos Mesh objects may be written in ${APP_NAMESPACE} only`,
        );
      }
      for (const s of subjects) {
        if (
          !(
            s.kind === 'ServiceAccount' &&
            s.name === PORTAL &&
            s.namespace === NAMESPACE
          )
        ) {
          problems.push(
            `${id}: only the run engine (ServiceAccount ${NAMESPACE}/${PORTAL}) may write Chaos Mesh objects, not ${String(
              s.kind,
            )} ${String(s.name)}`,
          );
        }
      }
    }
    if (subjects.some(s => s.kind === 'ServiceAccount' && s.name === READER)) {
      for (const rule of rules) {
        if (writes(rule)) {
          problems.push(
            `${id}: the reader ${READER} may only get, list and watch`,
          );
        }
        const resources = strings(rule.resources);
        if (resources.includes('secrets') || resources.includes('*')) {
          problems.push(`${id}: the reader ${READER} must not read Secrets`);
        }
      }
    }
  }
  if (!find(objects, 'ServiceAccount', READER, NAMESPACE)) {
    problems.push(
      `ServiceAccount ${NAMESPACE}/${READER} is missing: the Kubernetes tab needs a read-only identity`,
    );
  }
  return problems;
}
