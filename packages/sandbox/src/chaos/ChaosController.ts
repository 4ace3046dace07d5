import type { SeededRandom, TimerHandle, WorldClock } from '../clock';
import { K8sError } from '../kubernetes/K8sError';
import type { EventLog, Pod, World } from '../world';
import { seededUid } from '../world/naming';
import { parseGoDuration } from './duration';
import { chaosAction } from './effects';
import {
  CHAOS_API_VERSION,
  CHAOS_GROUP,
  ChaosKind,
  chaosKindByPlural,
} from './kinds';
import { selectPods } from './selectPods';
import { validateChaosSpec } from './validate';

type Obj = Record<string, any>;

export type ChaosObject = {
  apiVersion: string;
  kind: ChaosKind;
  metadata: Obj & {
    name: string;
    namespace: string;
    uid: string;
    resourceVersion: string;
  };
  spec: Obj;
  status: Obj;
};

type Entry = {
  cluster: string;
  object: ChaosObject;
  source: string;
  phase: 'Pending' | 'Running' | 'Finished' | 'Failed';
  injectedPods: string[];
  startedAt?: number;
  endsAt?: number;
  timer?: TimerHandle;
};

export type ChaosChange = {
  cluster: string;
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  object: ChaosObject;
};

/** Delay between storing an experiment and Chaos Mesh's controller injecting it. */
const INJECT_DELAY_MS = 500;
const DNS_1123_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * Chaos Mesh in the sandbox: stores PodChaos/NetworkChaos/StressChaos objects per cluster as
 * the API server would, and acts like Chaos Mesh's controller — selects pods, applies the
 * effect to the world for the experiment's duration, records status, and recovers the pods
 * when the duration ends or the object is deleted.
 */
export class ChaosController {
  private readonly entries = new Map<string, Entry>();
  private readonly listeners = new Set<(c: ChaosChange) => void>();

  constructor(
    private readonly world: World,
    private readonly clock: WorldClock,
    private readonly random: SeededRandom,
    private readonly log: EventLog,
  ) {}

  onChange(listener: (c: ChaosChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  list(cluster: string, plural: string, namespace?: string): ChaosObject[] {
    const kind = chaosKindByPlural(plural)?.kind;
    return [...this.entries.values()]
      .filter(
        e =>
          e.cluster === cluster &&
          e.object.kind === kind &&
          (!namespace || e.object.metadata.namespace === namespace),
      )
      .map(e => e.object)
      .sort((a, b) =>
        `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(
          `${b.metadata.namespace}/${b.metadata.name}`,
        ),
      );
  }

  get(
    cluster: string,
    plural: string,
    namespace: string,
    name: string,
  ): ChaosObject {
    const entry = this.entries.get(key(cluster, plural, namespace, name));
    if (!entry) throw notFound(plural, name);
    return entry.object;
  }

  create(
    cluster: string,
    plural: string,
    namespace: string,
    body: unknown,
    dryRun = false,
  ): ChaosObject {
    const def = chaosKindByPlural(plural)!;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw K8sError.of(
        400,
        'BadRequest',
        'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml',
      );
    }
    const b = body as Obj;
    if (b.apiVersion !== CHAOS_API_VERSION || b.kind !== def.kind) {
      throw K8sError.of(
        400,
        'BadRequest',
        `the API version in the data (${b.apiVersion}) and kind (${b.kind}) do not match the request (${CHAOS_API_VERSION}, ${def.kind})`,
      );
    }
    const meta: Obj =
      typeof b.metadata === 'object' && b.metadata !== null ? b.metadata : {};
    if (meta.namespace !== undefined && meta.namespace !== namespace) {
      throw K8sError.of(
        400,
        'BadRequest',
        'the namespace of the provided object does not match the namespace sent on the request',
      );
    }
    const name: string =
      meta.name ??
      (meta.generateName ? `${meta.generateName}${this.random.chars(5)}` : '');
    if (!name) {
      throw K8sError.invalid(def.kind, CHAOS_GROUP, '', [
        {
          reason: 'FieldValueRequired',
          message: 'Required value: name or generateName is required',
          field: 'metadata.name',
        },
      ]);
    }
    if (!DNS_1123_SUBDOMAIN.test(name) || name.length > 253) {
      throw K8sError.invalid(def.kind, CHAOS_GROUP, name, [
        {
          reason: 'FieldValueInvalid',
          message: `Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.'`,
          field: 'metadata.name',
        },
      ]);
    }
    const cluster_ = this.world.cluster(cluster)!;
    if (!cluster_.namespaces.has(namespace))
      throw K8sError.of(
        404,
        'NotFound',
        `namespaces "${namespace}" not found`,
        { name: namespace, kind: 'namespaces' },
      );
    const k = key(cluster, plural, namespace, name);
    if (this.entries.has(k)) {
      throw K8sError.of(
        409,
        'AlreadyExists',
        `${def.plural}.${CHAOS_GROUP} "${name}" already exists`,
        { name, group: CHAOS_GROUP, kind: def.plural },
      );
    }
    const causes = validateChaosSpec(def.kind, b.spec);
    if (causes.length > 0)
      throw K8sError.invalid(def.kind, CHAOS_GROUP, name, causes);

    const object: ChaosObject = {
      apiVersion: CHAOS_API_VERSION,
      kind: def.kind,
      metadata: {
        ...(meta.labels ? { labels: meta.labels } : {}),
        ...(meta.annotations ? { annotations: meta.annotations } : {}),
        name,
        namespace,
        uid: seededUid(this.random),
        resourceVersion: String(
          dryRun ? cluster_.revision : ++cluster_.revision,
        ),
        generation: 1,
        creationTimestamp: new Date(this.clock.now())
          .toISOString()
          .replace(/\.\d+Z$/, 'Z'),
      },
      spec: b.spec,
      status: { experiment: {} },
    };
    // ?dryRun=All: validated and defaulted exactly like a create, but not stored.
    if (dryRun) return object;
    const entry: Entry = {
      cluster,
      object,
      source: `chaos:${k}`,
      phase: 'Pending',
      injectedPods: [],
    };
    this.entries.set(k, entry);
    this.emit(entry, 'ADDED');
    this.log.add(
      'chaos.created',
      `${def.kind} ${cluster}/${namespace}/${name} created`,
      { cluster, kind: def.kind, namespace, name },
    );
    this.clock.setTimeout(() => this.inject(entry), INJECT_DELAY_MS);
    return object;
  }

  /** Updates metadata (labels, annotations); Chaos Mesh does not let a running experiment's spec change. */
  update(
    cluster: string,
    plural: string,
    namespace: string,
    name: string,
    next: Obj,
  ): ChaosObject {
    const entry = this.entries.get(key(cluster, plural, namespace, name));
    if (!entry) throw notFound(plural, name);
    if (
      next.spec !== undefined &&
      JSON.stringify(next.spec) !== JSON.stringify(entry.object.spec)
    ) {
      throw K8sError.invalid(entry.object.kind, CHAOS_GROUP, name, [
        {
          reason: 'FieldValueForbidden',
          message:
            'Forbidden: the spec of a chaos experiment cannot be changed; delete and create it again',
          field: 'spec',
        },
      ]);
    }
    const meta = next.metadata ?? {};
    if (meta.labels !== undefined) entry.object.metadata.labels = meta.labels;
    if (meta.annotations !== undefined)
      entry.object.metadata.annotations = meta.annotations;
    this.bump(entry);
    this.emit(entry, 'MODIFIED');
    return entry.object;
  }

  delete(
    cluster: string,
    plural: string,
    namespace: string,
    name: string,
  ): ChaosObject {
    const k = key(cluster, plural, namespace, name);
    const entry = this.entries.get(k);
    if (!entry) throw notFound(plural, name);
    this.recover(entry, 'deleted');
    this.entries.delete(k);
    this.bump(entry);
    this.emit(entry, 'DELETED');
    this.log.add(
      'chaos.deleted',
      `${entry.object.kind} ${cluster}/${namespace}/${name} deleted`,
      {
        cluster,
        kind: entry.object.kind,
        namespace,
        name,
      },
    );
    return entry.object;
  }

  /** Removes every experiment (world reset); effects are dropped with the pods. */
  reset() {
    for (const entry of this.entries.values()) {
      this.clock.clear(entry.timer);
      this.emit(entry, 'DELETED');
    }
    this.entries.clear();
  }

  /** Ground truth: every experiment, what it selected and when it runs. */
  summary() {
    return [...this.entries.values()].map(e => ({
      cluster: e.cluster,
      region: this.world.regionOf(e.cluster),
      kind: e.object.kind,
      namespace: e.object.metadata.namespace,
      name: e.object.metadata.name,
      labels: e.object.metadata.labels ?? {},
      phase: e.phase,
      injectedPods: e.injectedPods,
      startedAt:
        e.startedAt === undefined
          ? undefined
          : new Date(e.startedAt).toISOString(),
      endsAt:
        e.endsAt === undefined ? undefined : new Date(e.endsAt).toISOString(),
    }));
  }

  private inject(entry: Entry) {
    if (!this.entries.has(this.keyOf(entry))) return;
    const { object } = entry;
    const cluster = this.world.cluster(entry.cluster)!;
    const { selected } = selectPods(
      [...cluster.pods.values()],
      object.spec,
      object.metadata.namespace,
      this.random,
    );
    const now = this.clock.now();
    const stamp = new Date(now).toISOString();
    if (selected.length === 0) {
      entry.phase = 'Failed';
      object.status = {
        conditions: conditions({
          Selected: false,
          AllInjected: false,
          AllRecovered: false,
          Paused: false,
        }),
        experiment: { desiredPhase: 'Run', containerRecords: [] },
      };
      this.bump(entry);
      this.emit(entry, 'MODIFIED');
      this.log.add(
        'chaos.failed',
        `${object.kind} ${entry.cluster}/${object.metadata.namespace}/${object.metadata.name} selected no pods`,
        {
          cluster: entry.cluster,
          name: object.metadata.name,
        },
      );
      return;
    }
    const durationMs = object.spec.duration
      ? parseGoDuration(object.spec.duration)
      : undefined;
    const action = chaosAction(object.kind, object.spec, entry.source);
    let affected: Pod[] = selected;
    if (action.type === 'effect') {
      this.world.addEffect(selected, action.effect);
    } else if (action.type === 'pod-kill') {
      // With a duration the replacements stay not ready until it ends (crash-looping
      // recovery); without one they come up after their normal start-up time.
      affected = this.world.killPods(
        selected,
        durationMs ? { source: entry.source, kind: 'failure' } : undefined,
      );
    } else if (action.type === 'container-kill') {
      for (const pod of selected) {
        pod.restarts++;
        pod.startingUntil = now + 8000;
      }
      this.world.touch(selected);
      this.clock.setTimeout(
        () =>
          this.world.touch(selected.filter(p => cluster.pods.get(p.uid) === p)),
        8000,
      );
    }
    entry.phase = 'Running';
    entry.startedAt = now;
    entry.injectedPods = selected.map(p => `${p.namespace}/${p.name}`);
    object.status = {
      conditions: conditions({
        Selected: true,
        AllInjected: true,
        AllRecovered: false,
        Paused: false,
      }),
      experiment: {
        desiredPhase: 'Run',
        containerRecords: selected.map(p => ({
          id: `${p.namespace}/${p.name}`,
          selectorKey: '.',
          phase: 'Injected',
          injectedCount: 1,
          recoveredCount: 0,
          events: [{ type: 'Succeeded', operation: 'Apply', timestamp: stamp }],
        })),
      },
    };
    this.bump(entry);
    this.emit(entry, 'MODIFIED');
    this.log.add(
      'chaos.injected',
      `${object.kind} ${entry.cluster}/${object.metadata.namespace}/${object.metadata.name} injected into ${selected.length} pod(s)`,
      {
        cluster: entry.cluster,
        kind: object.kind,
        name: object.metadata.name,
        pods: entry.injectedPods,
        replacements:
          action.type === 'pod-kill' ? affected.map(p => p.name) : undefined,
        ...(action.type === 'none' ? { note: action.why } : {}),
      },
    );
    if (durationMs) {
      entry.endsAt = now + durationMs;
      entry.timer = this.clock.setTimeout(() => this.finish(entry), durationMs);
    }
  }

  private finish(entry: Entry) {
    if (!this.entries.has(this.keyOf(entry))) return;
    this.recover(entry, 'duration elapsed');
    this.bump(entry);
    this.emit(entry, 'MODIFIED');
  }

  /** Ends the effect on the world and marks every record recovered. */
  private recover(entry: Entry, why: string) {
    this.clock.clear(entry.timer);
    entry.timer = undefined;
    if (entry.phase !== 'Running') return;
    this.world.removeEffects(entry.source);
    entry.phase = 'Finished';
    const stamp = new Date(this.clock.now()).toISOString();
    const experiment = entry.object.status.experiment ?? {};
    entry.object.status = {
      conditions: conditions({
        Selected: true,
        AllInjected: false,
        AllRecovered: true,
        Paused: false,
      }),
      experiment: {
        desiredPhase: 'Stop',
        containerRecords: (experiment.containerRecords ?? []).map((r: Obj) => ({
          ...r,
          phase: 'Not Injected',
          recoveredCount: 1,
          events: [
            ...(r.events ?? []),
            { type: 'Succeeded', operation: 'Recover', timestamp: stamp },
          ],
        })),
      },
    };
    this.log.add(
      'chaos.recovered',
      `${entry.object.kind} ${entry.cluster}/${entry.object.metadata.namespace}/${entry.object.metadata.name} recovered (${why})`,
      {
        cluster: entry.cluster,
        kind: entry.object.kind,
        name: entry.object.metadata.name,
        pods: entry.injectedPods,
      },
    );
  }

  private keyOf(entry: Entry): string {
    const plural = entry.object.kind.toLowerCase();
    return key(
      entry.cluster,
      plural,
      entry.object.metadata.namespace,
      entry.object.metadata.name,
    );
  }

  private bump(entry: Entry) {
    entry.object.metadata.resourceVersion = String(
      ++this.world.cluster(entry.cluster)!.revision,
    );
  }

  private emit(entry: Entry, type: ChaosChange['type']) {
    this.listeners.forEach(l =>
      l({ cluster: entry.cluster, type, object: entry.object }),
    );
  }
}

function key(cluster: string, plural: string, namespace: string, name: string) {
  return `${cluster}/${plural.toLowerCase()}/${namespace}/${name}`;
}

function notFound(plural: string, name: string) {
  return K8sError.of(
    404,
    'NotFound',
    `${plural.toLowerCase()}.${CHAOS_GROUP} "${name}" not found`,
    {
      name,
      group: CHAOS_GROUP,
      kind: plural.toLowerCase(),
    },
  );
}

function conditions(
  flags: Record<
    'Selected' | 'AllInjected' | 'AllRecovered' | 'Paused',
    boolean
  >,
) {
  return Object.entries(flags).map(([type, v]) => ({
    type,
    status: v ? 'True' : 'False',
  }));
}
