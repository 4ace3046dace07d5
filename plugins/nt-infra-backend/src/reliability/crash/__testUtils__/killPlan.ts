import { RunDetail, RunState } from '@internal/plugin-nt-infra-common';
import { chaosRequest, PortalClient } from './crashWorld';

/** A sandbox event as its log records it (the parts a trigger reads). */
export interface SandboxEvent {
  seq: number;
  type: string;
  message: string;
  data?: Record<string, unknown>;
}

/**
 * When to kill. `event`: synchronously inside the sandbox's handling of the
 * request that caused it, so the backend never sees the answer (the effect
 * happened, the backend did not record it). `run`: once the run, read from
 * the database, matches; then after a seeded delay of up to `jitterMs`.
 */
export type Trigger =
  | { event: (e: SandboxEvent) => boolean }
  | { run: (run: RunDetail) => boolean; jitterMs: number };

export interface KillPoint {
  /** `<kind>/<where>`, unique in the plan. */
  id: string;
  trigger: Trigger;
  /**
   * The run is in the trigger's state as soon as the point's drive (the start
   * request) returns: upstreams are held from then on, before the test has
   * even read the run, so the child's first tick cannot get past it.
   */
  holdAfterDrive?: boolean;
}

/**
 * One run driven to its end while the backend is killed at each of
 * `points` in turn (each kill followed by a restart on the same database).
 */
export interface KillSequence {
  name: string;
  kind: 'chaos' | 'failover' | 'gameday';
  /** Starts the run; may drive it further (e.g. request an abort). */
  start(client: PortalClient): Promise<string>;
  points: KillPoint[];
  /** The terminal states a correct machine may end in. */
  expected: RunState[];
  /** Called on the run once the kill at `pointIndex` is armed (e.g. to abort). */
  afterArm?(client: PortalClient, runId: string, pointIndex: number): void;
}

const lastTo = (run: RunDetail) => run.state;
const changes = (e: SandboxEvent) => (e.data?.changes as string[]) ?? [];
const endpointChanged = (e: SandboxEvent, to: 'Disabled' | 'Enabled') =>
  e.type === 'arm.endpoint-updated' &&
  e.data?.endpoint === 'eastus' &&
  changes(e).some(c => /endpointStatus/.test(c) && c.endsWith(to));
const isFailoverFault = (e: SandboxEvent) =>
  String(e.data?.name ?? '').endsWith('-failover-primary');
const outcomeOf = (run: RunDetail) =>
  (run.outcome ?? {}) as {
    restore?: { pending?: boolean } | null;
    cut?: unknown;
  };
const stepState = (run: RunDetail, name: string) =>
  run.steps.find(s => s.name === name)?.state;

/** The 20 kill points, in five runs' state machines. */
export const KILL_PLAN: KillSequence[] = [
  {
    name: 'chaos run, one region',
    kind: 'chaos',
    start: c => c.startChaos(chaosRequest({ duration: '5s' })),
    expected: ['completed'],
    points: [
      {
        id: 'chaos/approved-before-first-tick',
        trigger: { run: r => lastTo(r) === 'approved', jitterMs: 60 },
        // Its first tick applies the fault within a few round trips; a kill
        // read from the database used to land after that on a busy machine.
        holdAfterDrive: true,
      },
      {
        id: 'chaos/applied-not-recorded',
        trigger: { event: e => e.type === 'chaos.created' },
      },
      {
        id: 'chaos/running',
        trigger: { run: r => lastTo(r) === 'running', jitterMs: 1000 },
      },
      {
        id: 'chaos/deleted-not-recorded',
        trigger: { event: e => e.type === 'chaos.deleted' },
      },
    ],
  },
  {
    name: 'chaos run, two regions',
    kind: 'chaos',
    start: c => c.startChaos(chaosRequest({ regions: ['eastus', 'westus'] })),
    expected: ['completed'],
    points: [
      {
        id: 'chaos/half-applied',
        trigger: { event: e => e.type === 'chaos.created' },
      },
    ],
  },
  {
    name: 'chaos run rolled back on an SLO breach',
    kind: 'chaos',
    start: c => c.startChaos(chaosRequest({ duration: '60s', breach: true })),
    expected: ['rolled-back'],
    points: [
      {
        id: 'chaos/rollback-deleted-not-recorded',
        trigger: { event: e => e.type === 'chaos.deleted' },
      },
      {
        id: 'chaos/rollback-stopping',
        trigger: { run: r => lastTo(r) === 'stopping', jitterMs: 30 },
      },
    ],
  },
  {
    name: 'failover test, disable-endpoint',
    kind: 'failover',
    start: c => c.startFailover('disable-endpoint'),
    expected: ['completed'],
    points: [
      {
        id: 'failover/starting-before-cut',
        trigger: { run: r => lastTo(r) === 'starting', jitterMs: 40 },
        // approved → starting is a database write; the cut needs upstreams.
        holdAfterDrive: true,
      },
      {
        id: 'failover/disabled-not-recorded',
        trigger: { event: e => endpointChanged(e, 'Disabled') },
      },
      {
        id: 'failover/detection',
        // Users are back on the secondary within about a second of the cut.
        trigger: { run: r => lastTo(r) === 'running', jitterMs: 150 },
      },
      {
        id: 'failover/hold-down',
        trigger: {
          run: r => lastTo(r) === 'stopping' && !outcomeOf(r).restore,
          jitterMs: 200,
        },
      },
      {
        id: 'failover/enabled-not-confirmed',
        trigger: { event: e => endpointChanged(e, 'Enabled') },
      },
      {
        id: 'failover/failback-observation',
        trigger: {
          run: r =>
            lastTo(r) === 'stopping' &&
            !!outcomeOf(r).restore &&
            !outcomeOf(r).restore!.pending,
          // Failback is quick at this speed: a longer delay kills a finished run.
          jitterMs: 50,
        },
      },
    ],
  },
  {
    name: 'failover test aborted',
    kind: 'failover',
    start: async c => {
      const id = await c.startFailover('disable-endpoint');
      return id;
    },
    // The abort is asked once the cut is in; the kill follows it.
    afterArm: (c, id) => {
      void abortOnceRunning(c, id);
    },
    expected: ['aborted'],
    points: [
      {
        id: 'failover/abort-requested',
        trigger: {
          run: r =>
            r.transitions.some(t => t.to === 'stopping' && !!t.details?.abort),
          jitterMs: 30,
        },
      },
    ],
  },
  {
    name: 'failover test, unhealthy primary',
    kind: 'failover',
    start: c => c.startFailover('unhealthy'),
    expected: ['completed'],
    points: [
      {
        id: 'failover/fault-applied-not-recorded',
        trigger: {
          event: e => e.type === 'chaos.created' && isFailoverFault(e),
        },
      },
      {
        id: 'failover/fault-removed-not-recorded',
        trigger: {
          event: e => e.type === 'chaos.deleted' && isFailoverFault(e),
        },
      },
    ],
  },
  {
    name: 'GameDay',
    kind: 'gameday',
    start: c => c.startGameDay(),
    expected: ['completed'],
    points: [
      {
        id: 'gameday/child-chaos-applied',
        trigger: { event: e => e.type === 'chaos.created' },
      },
      {
        id: 'gameday/between-steps',
        trigger: {
          run: r => stepState(r, 'settle') === 'running',
          jitterMs: 300,
        },
      },
      {
        id: 'gameday/child-failover-cut',
        trigger: { event: e => endpointChanged(e, 'Disabled') },
      },
      {
        id: 'gameday/check-running',
        trigger: {
          run: r => stepState(r, 'availability') === 'running',
          jitterMs: 200,
        },
      },
    ],
  },
];

async function abortOnceRunning(client: PortalClient, id: string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      const run = await client.run(id);
      if (run.state === 'running') {
        await client.abortFailover(id);
        return;
      }
    } catch {
      // The backend may be restarting; ask again.
    }
    await new Promise(r => setTimeout(r, 50));
  }
}

/** A small seeded PRNG (mulberry32): the same seed, the same delays. */
export function seededRandom(seed: string): () => number {
  let h = 1779033703 ^ seed.length;
  for (let i = 0; i < seed.length; i++) {
    h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
