import {
  RunDetail,
  RunState,
  TERMINAL_RUN_STATES,
} from '@internal/plugin-nt-infra-common';
import { SandboxEvent } from './killPlan';

/*
 * What must hold after any number of kills, each returning a list of
 * violations (empty when it holds) so a test can print all of them at once.
 */

const key = (e: SandboxEvent) =>
  `${e.data?.cluster}/${e.data?.kind}/${e.data?.namespace}/${e.data?.name}`;

/** The run ended in one of `expected`, its timeline a chain from its first state. */
export function timelineViolations(
  run: RunDetail,
  expected: RunState[],
): string[] {
  const out: string[] = [];
  if (!expected.includes(run.state)) {
    out.push(
      `run ${run.id} ended ${run.state}, expected ${expected.join(
        ' or ',
      )}: ${run.transitions.map(t => `${t.to} (${t.reason})`).join(' → ')}`,
    );
  }
  const t = run.transitions;
  if (t.length === 0 || t[0].from) {
    out.push(`run ${run.id}: the timeline does not start with its creation`);
  }
  for (let i = 1; i < t.length; i++) {
    if (t[i].from !== t[i - 1].to) {
      out.push(
        `run ${run.id}: transition ${i} leaves ${t[i].from} but the run was ${
          t[i - 1].to
        }`,
      );
    }
    if (Date.parse(t[i].at) < Date.parse(t[i - 1].at)) {
      out.push(`run ${run.id}: transition ${i} is dated before ${i - 1}`);
    }
    if (TERMINAL_RUN_STATES.includes(t[i - 1].to)) {
      out.push(`run ${run.id}: moved on after the terminal ${t[i - 1].to}`);
    }
  }
  if (t.length > 0 && t[t.length - 1].to !== run.state) {
    out.push(
      `run ${run.id}: the timeline ends ${t[t.length - 1].to}, the run is ${
        run.state
      }`,
    );
  }
  return out;
}

/** Everything the database held at a kill is still there, unchanged. */
export function lossViolations(
  snapshot: {
    point: string;
    audit: Record<string, unknown>[];
    run: RunDetail;
  },
  now: { audit: Record<string, unknown>[]; run: RunDetail },
): string[] {
  const out: string[] = [];
  const after = new Map(now.audit.map(a => [String(a.id), a]));
  for (const row of snapshot.audit) {
    const later = after.get(String(row.id));
    if (!later) {
      out.push(`${snapshot.point}: audit row ${row.id} (${row.action}) lost`);
    } else if (JSON.stringify(later) !== JSON.stringify(row)) {
      out.push(
        `${snapshot.point}: audit row ${row.id} (${row.action}) changed`,
      );
    }
  }
  const before = snapshot.run.transitions;
  const kept = now.run.transitions.slice(0, before.length);
  if (JSON.stringify(kept) !== JSON.stringify(before)) {
    out.push(
      `${snapshot.point}: the timeline written before the kill changed or was lost`,
    );
  }
  for (const step of snapshot.run.steps) {
    if (!now.run.steps.some(s => s.seq === step.seq)) {
      out.push(`${snapshot.point}: step ${step.seq} (${step.name}) lost`);
    }
  }
  return out;
}

/**
 * From the sandbox's event log: every Chaos Mesh object the portal created
 * was deleted afterwards, and none was created twice while it existed
 * (created once per run, whoever drove it).
 */
export function chaosViolations(events: SandboxEvent[]): string[] {
  const out: string[] = [];
  const live = new Map<string, number>();
  for (const e of events) {
    if (e.type === 'chaos.created') {
      if (live.has(key(e))) out.push(`${key(e)} created twice`);
      live.set(key(e), e.seq);
    } else if (e.type === 'chaos.deleted') {
      live.delete(key(e));
    }
  }
  for (const k of live.keys()) out.push(`${k} left in the cluster`);
  return out;
}

/** Ground truth: every Traffic Manager endpoint of every profile is Enabled. */
export function trafficViolations(state: {
  trafficManager: Array<{
    profile: string;
    endpoints: Array<{ name: string; endpointStatus: string }>;
  }>;
}): string[] {
  return state.trafficManager.flatMap(p =>
    p.endpoints
      .filter(e => e.endpointStatus !== 'Enabled')
      .map(e => `${p.profile}/${e.name} left ${e.endpointStatus}`),
  );
}
