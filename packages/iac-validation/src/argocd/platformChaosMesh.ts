import fs from 'fs';
import path from 'path';
import { CHAOS_LIBRARY_DIR } from '../chaos/library';
import { K8sObject } from '../kustomize/objects';
import { isRecord, listFiles, relativeTo } from '../util/files';
import { parseYamlDocuments } from '../util/yaml';
import { APP_NAMESPACE, at, PlatformApp, rec } from './platformApps';

const CHAOS_GROUP = 'chaos-mesh.org';

/**
 * Chaos Mesh is installed namespace-scoped (clusterScoped false): its controller then holds a
 * Role in its target namespace only and ignores experiments and pods elsewhere. That target is
 * the app namespace, the images follow the pinned chart, and no dashboard bypasses the portal.
 */
export function chaosMeshValuesProblems(app: PlatformApp): string[] {
  const problems: string[] = [];
  if (app.values.clusterScoped !== false) {
    problems.push(
      'clusterScoped must be false: Chaos Mesh acts in the app namespace only',
    );
  }
  const target = at(app.values, ['controllerManager', 'targetNamespace']);
  if (target !== APP_NAMESPACE) {
    problems.push(
      `controllerManager.targetNamespace must be ${APP_NAMESPACE} (got ${String(
        target,
      )})`,
    );
  }
  const tag = at(app.values, ['images', 'tag']);
  const version = String(app.source.targetRevision ?? '');
  if (tag !== `v${version.replace(/^v/, '')}`) {
    problems.push(
      `images.tag must be v${version.replace(
        /^v/,
        '',
      )}, the chart's own version (got ${String(tag)})`,
    );
  }
  if (at(app.values, ['dashboard', 'create']) !== false) {
    problems.push(
      'dashboard.create must be false: chaos is started through the portal only',
    );
  }
  return problems;
}

/** Every `namespaces` list below a resource's spec (selectors of experiments and templates). */
function selectorNamespaces(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach(v => selectorNamespaces(v, out));
  else if (isRecord(value)) {
    for (const [key, child] of Object.entries(value)) {
      if (key === 'namespaces' && Array.isArray(child)) {
        out.push(...child.map(String));
      } else selectorNamespaces(child, out);
    }
  }
  return out;
}

/**
 * A namespace-scoped Chaos Mesh never acts outside its target namespace, so an experiment that
 * lives or selects pods elsewhere would be accepted and then silently do nothing.
 */
export function libraryNamespaceProblems(repoRoot: string): string[] {
  const problems: string[] = [];
  const files = listFiles(path.join(repoRoot, CHAOS_LIBRARY_DIR), n =>
    /\.ya?ml$/.test(n),
  );
  for (const file of files) {
    const rel = relativeTo(repoRoot, file);
    for (const doc of parseYamlDocuments(fs.readFileSync(file, 'utf8'))
      .documents) {
      const namespace = at(doc, ['metadata', 'namespace']);
      if (namespace !== APP_NAMESPACE) {
        problems.push(
          `${rel}: lives in namespace ${String(
            namespace,
          )}; the namespace-scoped Chaos Mesh acts in ${APP_NAMESPACE} only`,
        );
      }
      for (const selected of selectorNamespaces(rec(doc).spec)) {
        if (selected !== APP_NAMESPACE) {
          problems.push(
            `${rel}: selects pods in namespace ${selected}; the namespace-scoped Chaos Mesh acts in ${APP_NAMESPACE} only`,
          );
        }
      }
    }
  }
  return problems;
}

interface ReferenceCrd {
  kind: string;
  plural: string;
  scope: string;
}

function readReferenceCrds(referenceDir: string): ReferenceCrd[] {
  const dir = path.join(referenceDir, 'chaos-mesh');
  return listFiles(dir, n => /\.ya?ml$/.test(n)).flatMap(file =>
    parseYamlDocuments(fs.readFileSync(file, 'utf8'))
      .documents.filter(d => at(d, ['spec', 'group']) === CHAOS_GROUP)
      .map(d => ({
        kind: String(at(d, ['spec', 'names', 'kind'])),
        plural: String(at(d, ['spec', 'names', 'plural'])),
        scope: String(at(d, ['spec', 'scope'])),
      })),
  );
}

/**
 * Checks against Chaos Mesh's own CRDs (../shared/reference/chaos-mesh) that every kind the
 * library uses and every chaos-mesh.org resource an RBAC rule grants is a real, Namespaced
 * CRD: a cluster-scoped kind could not be confined to the app namespace, and a misspelt
 * resource in a Role grants nothing.
 */
export function referenceCrdProblems(
  repoRoot: string,
  referenceDir: string,
  rbacObjects: K8sObject[],
): string[] {
  const crds = readReferenceCrds(referenceDir);
  if (crds.length === 0) {
    return [
      `no Chaos Mesh CRDs in ${referenceDir}/chaos-mesh: cannot check the namespace scope`,
    ];
  }
  const problems: string[] = [];
  const check = (what: string, crd: ReferenceCrd | undefined) => {
    if (!crd) problems.push(`${what} is not a Chaos Mesh CRD (reference set)`);
    else if (crd.scope !== 'Namespaced') {
      problems.push(
        `${what} is ${crd.scope}: a namespace-scoped Chaos Mesh cannot confine it`,
      );
    }
  };
  const kinds = new Set<string>();
  for (const file of listFiles(path.join(repoRoot, CHAOS_LIBRARY_DIR), n =>
    /\.ya?ml$/.test(n),
  )) {
    for (const doc of parseYamlDocuments(fs.readFileSync(file, 'utf8'))
      .documents) {
      if (typeof rec(doc).kind === 'string') kinds.add(String(rec(doc).kind));
    }
  }
  for (const kind of kinds) {
    check(
      `kind ${kind} (${CHAOS_LIBRARY_DIR})`,
      crds.find(c => c.kind === kind),
    );
  }
  for (const role of rbacObjects.filter(
    o => o.kind === 'Role' || o.kind === 'ClusterRole',
  )) {
    const rules = at(role, ['rules']);
    const ruleList = Array.isArray(rules) ? rules.map(rec) : [];
    for (const rule of ruleList) {
      const groups = Array.isArray(rule.apiGroups) ? rule.apiGroups : [];
      if (!groups.includes(CHAOS_GROUP)) continue;
      const resources = Array.isArray(rule.resources) ? rule.resources : [];
      for (const resource of resources.map(String)) {
        check(
          `${role.kind} ${role.metadata.name}: resource ${resource}`,
          crds.find(c => c.plural === resource),
        );
      }
    }
  }
  return problems;
}
