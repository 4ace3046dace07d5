import path from 'node:path';
import { parseAllDocuments } from 'yaml';

/** What a synced overlay says about one Deployment's size. */
export type ScaleTarget = {
  namespace: string;
  name: string;
  /** `spec.replicas` after the overlay's patches and `replicas:` entries, if set. */
  replicas?: number;
  /** The HorizontalPodAutoscaler targeting it, if any (minReplicas defaults to 1). */
  autoscaler?: { name: string; minReplicas: number; maxReplicas: number };
};

/** Reads a file of the synced revision; undefined when it does not exist there. */
export type ReadFile = (file: string) => Promise<string | undefined>;

type Obj = Record<string, any>;

const isObject = (v: unknown): v is Obj =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Strategic merge of maps as far as scale fields need it: maps merge, the rest replaces. */
function merge(base: Obj, patch: Obj): Obj {
  const out: Obj = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    out[k] = isObject(v) && isObject(base[k]) ? merge(base[k], v) : v;
  }
  return out;
}

function sameObject(o: Obj, kind: string, name: string, namespace?: string) {
  return (
    o.kind === kind &&
    o.metadata?.name === name &&
    (!namespace || o.metadata?.namespace === namespace)
  );
}

async function mustRead(read: ReadFile, file: string): Promise<string> {
  const text = await read(file);
  if (text === undefined) throw new Error(`${file} does not exist`);
  return text;
}

function documents(file: string, text: string): Obj[] {
  return parseAllDocuments(text).flatMap(doc => {
    if (doc.errors.length) throw new Error(`${file}: ${doc.errors[0].message}`);
    const js = doc.toJS();
    return isObject(js) ? [js] : [];
  });
}

/** A JSON 6902 op on a scale field (`/spec/replicas`, `/spec/minReplicas`, `/spec/maxReplicas`). */
function applyJsonPatch(target: Obj, ops: unknown[]) {
  for (const op of ops) {
    if (!isObject(op) || (op.op !== 'replace' && op.op !== 'add')) continue;
    const m = /^\/spec\/(replicas|minReplicas|maxReplicas)$/.exec(
      String(op.path),
    );
    if (m) target.spec = { ...target.spec, [m[1]]: op.value };
  }
}

/**
 * The objects a kustomization renders, as far as the world needs them: resources
 * (files and kustomization directories), `namespace`, patches (strategic merge files and
 * inline, JSON 6902 ops on scale fields) and `replicas`. Images, generators, labels and
 * replacements change nothing the world models, so they are not applied.
 */
async function render(read: ReadFile, dir: string): Promise<Obj[]> {
  const kFile = path.posix.join(dir, 'kustomization.yaml');
  const [k] = documents(kFile, await mustRead(read, kFile));
  if (!k) throw new Error(`${kFile} is empty`);
  let objects: Obj[] = [];
  for (const resource of (k.resources ?? []) as string[]) {
    const p = path.posix.join(dir, resource);
    objects = objects.concat(
      /\.ya?ml$/.test(resource)
        ? documents(p, await mustRead(read, p))
        : await render(read, p),
    );
  }
  if (typeof k.namespace === 'string') {
    objects = objects.map(o => ({
      ...o,
      metadata: { ...o.metadata, namespace: k.namespace },
    }));
  }
  const patchFiles: string[] = [
    ...((k.patchesStrategicMerge ?? []) as string[]),
    ...((k.patches ?? []) as Obj[])
      .filter(p => typeof p.path === 'string')
      .map(p => p.path as string),
  ];
  for (const file of patchFiles) {
    const p = path.posix.join(dir, file);
    for (const patch of documents(p, await mustRead(read, p))) {
      objects = objects.map(o =>
        sameObject(
          o,
          patch.kind,
          patch.metadata?.name,
          patch.metadata?.namespace,
        )
          ? merge(o, patch)
          : o,
      );
    }
  }
  for (const entry of (k.patches ?? []) as Obj[]) {
    if (typeof entry.patch !== 'string' || !isObject(entry.target)) continue;
    // Inline patches parse as a sequence (JSON 6902) or a map (strategic merge).
    const inline: unknown = parseAllDocuments(entry.patch)[0]?.toJS();
    const ops = Array.isArray(inline) ? inline : undefined;
    objects = objects.map(o => {
      if (
        !sameObject(
          o,
          entry.target.kind,
          entry.target.name,
          entry.target.namespace,
        )
      )
        return o;
      const next = structuredClone(o);
      if (ops) applyJsonPatch(next, ops);
      else if (isObject(inline)) return merge(next, inline);
      return next;
    });
  }
  for (const entry of (k.replicas ?? []) as Obj[]) {
    objects = objects.map(o =>
      o.kind === 'Deployment' && o.metadata?.name === entry.name
        ? merge(o, { spec: { replicas: entry.count } })
        : o,
    );
  }
  return objects;
}

/**
 * The Deployments an overlay directory defines, with their replicas and autoscaler
 * bounds: what the sandbox's Argo CD applies to the world after a sync.
 */
export async function renderScale(
  read: ReadFile,
  overlayDir: string,
): Promise<ScaleTarget[]> {
  const objects = await render(read, overlayDir);
  const hpas = objects.filter(o => o.kind === 'HorizontalPodAutoscaler');
  return objects
    .filter(o => o.kind === 'Deployment' && o.metadata?.name)
    .map(d => {
      const namespace = d.metadata.namespace ?? 'default';
      const hpa = hpas.find(
        h =>
          (h.metadata?.namespace ?? 'default') === namespace &&
          h.spec?.scaleTargetRef?.kind === 'Deployment' &&
          h.spec?.scaleTargetRef?.name === d.metadata.name,
      );
      const replicas = d.spec?.replicas;
      return {
        namespace,
        name: d.metadata.name,
        ...(Number.isInteger(replicas) ? { replicas } : {}),
        ...(hpa && Number.isInteger(hpa.spec?.maxReplicas)
          ? {
              autoscaler: {
                name: hpa.metadata.name,
                minReplicas: Number.isInteger(hpa.spec.minReplicas)
                  ? hpa.spec.minReplicas
                  : 1,
                maxReplicas: hpa.spec.maxReplicas,
              },
            }
          : {}),
      };
    });
}
