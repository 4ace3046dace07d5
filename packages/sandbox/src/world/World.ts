import { SeededRandom, WorldClock } from '../clock';
import type { ClusterSpec, Topology, WorkloadSpec } from '../topology';
import { EventLog } from './EventLog';
import { nodeNames, podName, seededUid, templateHash } from './naming';
import type {
  ClusterState,
  Deployment,
  Effect,
  ObjectChange,
  Pod,
  RegionState,
} from './types';

/** How long a replacement pod takes to become ready (image cached, app warm-up). */
const POD_STARTUP_MS = 8000;

type Listener<T> = (change: ObjectChange<T>) => void;

/**
 * The state of the world: regions, clusters, deployments and pods, and the faults acting
 * on them. Everything observable (Kubernetes objects, application health, metrics) is
 * derived from this one model, so a fault shows up consistently on every wire API.
 */
export class World {
  readonly regions = new Map<string, RegionState>();
  readonly clusters = new Map<string, ClusterState>();
  private random!: SeededRandom;
  private podCounter = 0;
  private readonly podListeners = new Set<Listener<Pod>>();
  private readonly deploymentListeners = new Set<Listener<Deployment>>();
  private readonly resetListeners = new Set<() => void>();

  constructor(
    readonly topology: Topology,
    readonly clock: WorldClock,
    private readonly seed: number | string,
    readonly log: EventLog,
  ) {
    this.build();
  }

  /** Back to the topology's initial state (same seed → same names); watchers see the churn. */
  reset() {
    for (const cluster of this.clusters.values()) {
      for (const pod of cluster.pods.values())
        this.emitPod(cluster, 'DELETED', pod);
      for (const d of cluster.deployments.values())
        this.emitDeployment(cluster, 'DELETED', d);
    }
    const revisions = new Map(
      [...this.clusters].map(([n, c]) => [n, c.revision]),
    );
    this.build(revisions);
    for (const cluster of this.clusters.values()) {
      for (const d of cluster.deployments.values())
        this.emitDeployment(cluster, 'ADDED', d);
      for (const pod of cluster.pods.values())
        this.emitPod(cluster, 'ADDED', pod);
    }
    this.resetListeners.forEach(l => l());
    this.log.add('world.reset', 'world reset to the topology');
  }

  private build(revisions?: Map<string, number>) {
    this.random = new SeededRandom(this.seed);
    this.podCounter = 0;
    this.regions.clear();
    this.clusters.clear();
    const now = this.clock.now();
    let clusterIndex = 0;
    for (const region of this.topology.regions) {
      this.regions.set(region.name, { spec: region });
      for (const spec of region.clusters) {
        const cluster = this.buildCluster(
          spec,
          region.name,
          clusterIndex++,
          now,
        );
        cluster.revision = Math.max(
          cluster.revision,
          revisions?.get(spec.name) ?? 0,
        );
        this.clusters.set(spec.name, cluster);
      }
    }
  }

  private buildCluster(
    spec: ClusterSpec,
    region: string,
    index: number,
    now: number,
  ): ClusterState {
    const random = this.random.fork(spec.name);
    const cluster: ClusterState = {
      spec,
      region,
      revision: 1000,
      namespaces: new Map(),
      deployments: new Map(),
      pods: new Map(),
      nodes: nodeNames(index, random),
    };
    // The cluster existed long before the sandbox started; creation times say so.
    const createdAt = now - 30 * 24 * 3600 * 1000;
    for (const ns of spec.namespaces) {
      cluster.namespaces.set(ns, {
        uid: seededUid(random),
        name: ns,
        createdAt,
        resourceVersion: ++cluster.revision,
      });
    }
    for (const w of spec.workloads) {
      const d: Deployment = {
        uid: seededUid(random),
        name: w.name,
        namespace: w.namespace,
        cluster: spec.name,
        region,
        spec: w,
        replicas: w.replicas,
        templateHash: templateHash(random),
        labels: workloadLabels(w),
        createdAt,
        generation: 1,
        resourceVersion: ++cluster.revision,
      };
      cluster.deployments.set(`${w.namespace}/${w.name}`, d);
      for (let i = 0; i < w.replicas; i++)
        this.createPod(cluster, d, now - 2 * 24 * 3600 * 1000, 0, random);
    }
    return cluster;
  }

  private createPod(
    cluster: ClusterState,
    d: Deployment,
    createdAt: number,
    startupMs: number,
    random = this.random,
  ): Pod {
    const n = this.podCounter++;
    const nodeIndex = cluster.pods.size % cluster.nodes.length;
    const clusterIndex = [
      ...this.topology.regions.flatMap(r => r.clusters),
    ].findIndex(c => c.name === cluster.spec.name);
    const pod: Pod = {
      uid: seededUid(random),
      name: podName(d.name, d.templateHash, random),
      namespace: d.namespace,
      cluster: cluster.spec.name,
      region: cluster.region,
      deployment: d.name,
      templateHash: d.templateHash,
      labels: { ...d.labels, 'pod-template-hash': d.templateHash },
      nodeName: cluster.nodes[nodeIndex],
      podIP: `10.${(clusterIndex % 250) + 1}.${(n >> 8) & 255}.${n & 255 || 1}`,
      hostIP: `10.224.${clusterIndex % 250}.${nodeIndex + 4}`,
      createdAt,
      startingUntil: createdAt + startupMs,
      restarts: 0,
      resourceVersion: ++cluster.revision,
      effects: [],
    };
    cluster.pods.set(pod.uid, pod);
    if (startupMs > 0) {
      // Readiness flips on its own when start-up ends; watchers must see that transition.
      this.clock.setTimeout(() => {
        if (cluster.pods.get(pod.uid) === pod) this.touch([pod]);
      }, startupMs);
    }
    return pod;
  }

  // ---- observation -------------------------------------------------------------------

  onPodChange(listener: Listener<Pod>): () => void {
    this.podListeners.add(listener);
    return () => this.podListeners.delete(listener);
  }

  onDeploymentChange(listener: Listener<Deployment>): () => void {
    this.deploymentListeners.add(listener);
    return () => this.deploymentListeners.delete(listener);
  }

  onReset(listener: () => void): () => void {
    this.resetListeners.add(listener);
    return () => this.resetListeners.delete(listener);
  }

  cluster(name: string): ClusterState | undefined {
    return this.clusters.get(name);
  }

  regionOf(clusterName: string): string | undefined {
    return this.clusters.get(clusterName)?.region;
  }

  clustersIn(region: string): ClusterState[] {
    return [...this.clusters.values()].filter(c => c.region === region);
  }

  isRegionDown(region: string): boolean {
    return this.regions.get(region)?.downSince !== undefined;
  }

  /** Readiness as the kubelet would report it, with the reason when not ready. */
  podReadiness(pod: Pod): {
    ready: boolean;
    reason?: string;
    starting: boolean;
  } {
    const starting = pod.startingUntil > this.clock.now();
    if (this.isRegionDown(pod.region))
      return { ready: false, reason: 'NodeNotReady', starting };
    if (pod.effects.some(e => e.kind === 'failure'))
      return { ready: false, reason: 'ContainersNotReady', starting };
    if (starting)
      return { ready: false, reason: 'ContainersNotReady', starting };
    return { ready: true, starting };
  }

  isPodReady(pod: Pod): boolean {
    return this.podReadiness(pod).ready;
  }

  /**
   * CPU utilisation of the pod's share of its node (2 cores): 0.1 when idle, plus the
   * stressors' demand, capped below 1 so queueing latency stays finite.
   */
  podUtilisation(pod: Pod): number {
    const stress = pod.effects.reduce(
      (sum, e) => sum + (e.kind === 'stress' ? e.cpuCores : 0),
      0,
    );
    return Math.min(0.95, 0.1 + stress / 2);
  }

  /**
   * Latency of one request through this pod: the region's hop latency, network delay
   * added by NetworkChaos, and M/M/1-style queueing under CPU stress (1/(1-u)).
   */
  podLatencyMs(pod: Pod): number {
    const base = this.regions.get(pod.region)!.spec.app.baseLatencyMs;
    const delay = pod.effects.reduce(
      (sum, e) => sum + (e.kind === 'delay' ? e.latencyMs : 0),
      0,
    );
    const memory = pod.effects.reduce(
      (f, e) => (e.kind === 'stress' ? Math.max(f, e.memoryFactor) : f),
      1,
    );
    const queueing = (1 - 0.1) / (1 - this.podUtilisation(pod));
    return base * queueing * memory + delay;
  }

  podLossProbability(pod: Pod): number {
    const keep = pod.effects.reduce(
      (k, e) => (e.kind === 'loss' ? k * (1 - e.probability) : k),
      1,
    );
    return 1 - keep;
  }

  /** The serving workloads of a region, each with its pods across the region's clusters. */
  servingWorkloads(
    region: string,
  ): { name: string; replicas: number; pods: Pod[]; ready: Pod[] }[] {
    const byName = new Map<
      string,
      { name: string; replicas: number; pods: Pod[]; ready: Pod[] }
    >();
    for (const cluster of this.clustersIn(region)) {
      for (const d of cluster.deployments.values()) {
        if (!d.spec.serving) continue;
        const entry = byName.get(d.name) ?? {
          name: d.name,
          replicas: 0,
          pods: [],
          ready: [],
        };
        entry.replicas += d.replicas;
        for (const pod of cluster.pods.values()) {
          if (pod.deployment === d.name && pod.namespace === d.namespace) {
            entry.pods.push(pod);
            if (this.isPodReady(pod)) entry.ready.push(pod);
          }
        }
        byName.set(d.name, entry);
      }
    }
    return [...byName.values()];
  }

  podsOf(d: Deployment): Pod[] {
    const cluster = this.clusters.get(d.cluster)!;
    return [...cluster.pods.values()].filter(
      p => p.deployment === d.name && p.namespace === d.namespace,
    );
  }

  // ---- mutation ------------------------------------------------------------------------

  setRegionDown(regionName: string, down: boolean): boolean {
    const region = this.regions.get(regionName);
    if (!region) throw new Error(`unknown region '${regionName}'`);
    if ((region.downSince !== undefined) === down) return false;
    region.downSince = down ? this.clock.now() : undefined;
    this.log.add(
      down ? 'fault.region-down' : 'fault.region-up',
      `region ${regionName} ${down ? 'down' : 'up'}`,
      {
        region: regionName,
      },
    );
    this.touch(this.clustersIn(regionName).flatMap(c => [...c.pods.values()]));
    return true;
  }

  addEffect(pods: Pod[], effect: Effect) {
    for (const pod of pods) pod.effects.push(effect);
    this.touch(pods);
  }

  /** Removes every effect of `source`; returns the pods that were affected. */
  removeEffects(source: string): Pod[] {
    const affected: Pod[] = [];
    for (const cluster of this.clusters.values()) {
      for (const pod of cluster.pods.values()) {
        const before = pod.effects.length;
        pod.effects = pod.effects.filter(e => e.source !== source);
        if (pod.effects.length !== before) affected.push(pod);
      }
    }
    this.touch(affected);
    return affected;
  }

  /**
   * Deletes pods the way a pod-kill does; their ReplicaSet creates replacements at once,
   * which become ready after start-up (or stay not ready while `holdEffect` applies).
   */
  killPods(pods: Pod[], holdEffect?: Effect): Pod[] {
    const replacements: Pod[] = [];
    for (const pod of pods) {
      const cluster = this.clusters.get(pod.cluster)!;
      if (!cluster.pods.delete(pod.uid)) continue;
      pod.resourceVersion = ++cluster.revision;
      this.emitPod(cluster, 'DELETED', pod);
      const d = cluster.deployments.get(`${pod.namespace}/${pod.deployment}`);
      if (!d) continue;
      const fresh = this.createPod(
        cluster,
        d,
        this.clock.now(),
        POD_STARTUP_MS,
      );
      if (holdEffect) fresh.effects.push(holdEffect);
      this.emitPod(cluster, 'ADDED', fresh);
      replacements.push(fresh);
    }
    this.touchDeployments(pods);
    return replacements;
  }

  /** Scales a deployment: new pods start up, surplus pods (newest first) are deleted. */
  scaleDeployment(d: Deployment, replicas: number, source = 'api') {
    const cluster = this.clusters.get(d.cluster)!;
    d.replicas = replicas;
    d.generation++;
    const pods = this.podsOf(d).sort((a, b) => a.createdAt - b.createdAt);
    for (let i = pods.length; i < replicas; i++) {
      this.emitPod(
        cluster,
        'ADDED',
        this.createPod(cluster, d, this.clock.now(), POD_STARTUP_MS),
      );
    }
    for (const pod of pods.slice(replicas).reverse()) {
      cluster.pods.delete(pod.uid);
      pod.resourceVersion = ++cluster.revision;
      this.emitPod(cluster, 'DELETED', pod);
    }
    d.resourceVersion = ++cluster.revision;
    this.emitDeployment(cluster, 'MODIFIED', d);
    this.log.add(
      'workload.scaled',
      `${d.cluster}/${d.namespace}/${d.name} scaled to ${replicas}`,
      {
        cluster: d.cluster,
        namespace: d.namespace,
        deployment: d.name,
        replicas,
        source,
      },
    );
  }

  /**
   * Applies synced manifests' sizes to a cluster's Deployments (what Argo CD's sync does).
   * The world has no CPU-driven autoscaling, so an autoscaler's bounds clamp the current
   * count: a raised floor adds pods, a lowered ceiling removes them. Without an
   * autoscaler a set `replicas` is the count. Returns the Deployments that changed.
   */
  applyScale(
    clusterName: string,
    targets: {
      namespace: string;
      name: string;
      replicas?: number;
      autoscaler?: { minReplicas: number; maxReplicas: number };
    }[],
    source: string,
  ): { deployment: string; from: number; to: number }[] {
    const cluster = this.clusters.get(clusterName);
    if (!cluster) throw new Error(`unknown cluster '${clusterName}'`);
    const changed: { deployment: string; from: number; to: number }[] = [];
    for (const t of targets) {
      const d = cluster.deployments.get(`${t.namespace}/${t.name}`);
      if (!d) continue;
      let to = d.replicas;
      if (t.autoscaler) {
        const { minReplicas, maxReplicas } = t.autoscaler;
        to = Math.min(maxReplicas, Math.max(minReplicas, d.replicas));
      } else if (t.replicas !== undefined) to = t.replicas;
      if (to === d.replicas) continue;
      changed.push({
        deployment: `${t.namespace}/${t.name}`,
        from: d.replicas,
        to,
      });
      this.scaleDeployment(d, to, source);
    }
    return changed;
  }

  /** Records that pods changed (status derived from effects/faults) and tells watchers. */
  touch(pods: Pod[]) {
    for (const pod of pods) {
      const cluster = this.clusters.get(pod.cluster)!;
      if (cluster.pods.get(pod.uid) !== pod) continue;
      pod.resourceVersion = ++cluster.revision;
      this.emitPod(cluster, 'MODIFIED', pod);
    }
    this.touchDeployments(pods);
  }

  private touchDeployments(pods: Pod[]) {
    const seen = new Set<string>();
    for (const pod of pods) {
      const key = `${pod.cluster}/${pod.namespace}/${pod.deployment}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const cluster = this.clusters.get(pod.cluster)!;
      const d = cluster.deployments.get(`${pod.namespace}/${pod.deployment}`);
      if (!d) continue;
      d.resourceVersion = ++cluster.revision;
      this.emitDeployment(cluster, 'MODIFIED', d);
    }
  }

  private emitPod(
    cluster: ClusterState,
    type: ObjectChange<Pod>['type'],
    pod: Pod,
  ) {
    this.podListeners.forEach(l =>
      l({ cluster: cluster.spec.name, type, object: pod }),
    );
  }

  private emitDeployment(
    cluster: ClusterState,
    type: ObjectChange<Deployment>['type'],
    d: Deployment,
  ) {
    this.deploymentListeners.forEach(l =>
      l({ cluster: cluster.spec.name, type, object: d }),
    );
  }
}

export function workloadLabels(w: WorkloadSpec): Record<string, string> {
  return {
    'app.kubernetes.io/name': w.name,
    ...(w.partOf ? { 'app.kubernetes.io/part-of': w.partOf } : {}),
    ...(w.component ? { 'app.kubernetes.io/component': w.component } : {}),
    ...(w.labels ?? {}),
  };
}
