import type { z } from 'zod';
import type { createWindowBody, WINDOW_STATES } from './schema';
import { StopCondition } from './experiments';
import { EnvironmentName } from './types';

/** @public */
export type WindowState = (typeof WINDOW_STATES)[number];

/**
 * The entry of `WindowLimits.experiments` that lets a window cover production failover tests
 * (and the GameDays that start them): taking a region out is approved like any other fault.
 * @public
 */
export const FAILOVER_TEST_EXPERIMENT =
  'RegionFailover/traffic-manager/failover-test';

/** What runs inside a production chaos window may do. @public */
export interface WindowLimits {
  /** Library ids, `<Kind>/<namespace>/<name>`, e.g. `PodChaos/ntai/api-pod-failure-10pct`. */
  experiments: string[];
  /** Azure regions, e.g. `eastus`. */
  regions: string[];
  /** Largest fraction of matching pods a run may touch, in (0, 0.1]. */
  maxFraction: number;
  /** Conditions that roll a run back automatically. */
  stopConditions: StopCondition[];
}

/** @public */
export interface WindowDecision {
  actor: string;
  decision: 'approved' | 'rejected';
  reason: string;
  /** ISO 8601. */
  at: string;
}

/** A production chaos window: requested by one engineer, decided by another. @public */
export interface ChaosWindow {
  id: string;
  environment: EnvironmentName;
  /** ISO 8601; the window covers `startsAt <= t < endsAt`. */
  startsAt: string;
  endsAt: string;
  state: WindowState;
  requestedBy: string;
  reason: string;
  limits: WindowLimits;
  decision?: WindowDecision;
  createdAt: string;
  updatedAt: string;
}

/** Body of `POST /api/nt-infra/windows`. @public */
export type ChaosWindowRequest = z.infer<typeof createWindowBody>;

/** Response of `GET /api/nt-infra/windows`. @public */
export interface ChaosWindowsResponse {
  items: ChaosWindow[];
  nextCursor?: string;
}
