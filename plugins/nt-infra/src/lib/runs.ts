import {
  RunDetail,
  RunState,
  StopCondition,
  TERMINAL_RUN_STATES,
} from '@internal/plugin-nt-infra-common';
import { formatDateTime } from './format';
import { Tone } from './tones';

/** States in which a run may still inject or hold a fault: the ones to watch and stop. */
export const ACTIVE_RUN_STATES: RunState[] = [
  'approved',
  'starting',
  'running',
  'stopping',
];

export function isTerminal(state: RunState): boolean {
  return TERMINAL_RUN_STATES.includes(state);
}

export const runStateTone: Record<RunState, Tone> = {
  'pending-approval': 'info',
  approved: 'info',
  starting: 'warning',
  running: 'warning',
  stopping: 'warning',
  completed: 'success',
  'rolled-back': 'danger',
  aborted: 'neutral',
  failed: 'danger',
  rejected: 'neutral',
};

/** The pods one region of a run targets, as the backend pinned them. */
export interface RegionPlan {
  region: string;
  cluster: string;
  matching: number;
  targets: Array<{ namespace: string; name: string }>;
}

/** What stopped the fault and how fast, when stop conditions rolled it back. */
export interface Rollback {
  evidence: Array<Record<string, unknown>>;
  breachVisibleAt?: string;
  faultRemovedAt?: string;
  delayMs?: number;
}

/** The chaos-specific parts of a run, read from its untyped params and outcome. */
export interface ChaosRunView {
  plans: RegionPlan[];
  stopConditions: StopCondition[];
  ending?: string;
  endingReason?: string;
  rollback?: Rollback;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/**
 * `params` and `outcome` are free-form JSON in the common types (each run
 * kind stores its own), so the chaos fields are read defensively here: an
 * older run missing a field shows less, it does not break the page.
 */
export function chaosRunView(
  run: Pick<RunDetail, 'params' | 'outcome'>,
): ChaosRunView {
  const plans = asArray(run.params.plans)
    .filter(isRecord)
    .map(p => ({
      region: str(p.region) ?? '?',
      cluster: str(p.cluster) ?? '?',
      matching: typeof p.matching === 'number' ? p.matching : 0,
      targets: asArray(p.targets)
        .filter(isRecord)
        .map(t => ({
          namespace: str(t.namespace) ?? '',
          name: str(t.name) ?? '',
        })),
    }));
  const stopConditions = asArray(run.params.stopConditions).filter(
    isRecord,
  ) as unknown as StopCondition[];
  const outcome = run.outcome ?? {};
  const rollback = isRecord(outcome.rollback)
    ? {
        evidence: asArray(outcome.rollback.evidence).filter(isRecord),
        breachVisibleAt: str(outcome.rollback.breachVisibleAt),
        faultRemovedAt: str(outcome.rollback.faultRemovedAt),
        delayMs:
          typeof outcome.rollback.delayMs === 'number'
            ? outcome.rollback.delayMs
            : undefined,
      }
    : undefined;
  return {
    plans,
    stopConditions,
    ending: str(outcome.ending),
    endingReason: str(outcome.endingReason),
    rollback,
  };
}

/** "ntai:availability:ratio_rate5m < 0.99 for 1m" */
export function formatStopCondition(c: StopCondition): string {
  return `${c.metric} ${c.op} ${c.threshold} for ${c.for}`;
}

/** A date-time in the plugin's one format (see formatDateTime), for timelines. */
export function formatTime(iso: string | undefined): string {
  return formatDateTime(iso || undefined);
}

/**
 * An idempotency key per user action: a retry of the same click reuses it,
 * a new click gets a new one. `crypto.randomUUID` exists in every browser the
 * portal supports and in jsdom's Node.
 */
export function newIdempotencyKey(): string {
  return `ui-${crypto.randomUUID()}`;
}
