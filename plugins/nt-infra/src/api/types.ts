import { EnvironmentName } from '@internal/plugin-nt-infra-common';

export type {
  ChangeKind,
  ChangePreview,
  ChangeRequest,
  ChangeRequestState,
  CheckResult,
  FailoverTestRequest,
  FailoverTestView,
  FailoverVerdict,
  GameDayRequest,
  PrimaryCutMethod,
} from '@internal/plugin-nt-infra-common';

/*
 * Response and request shapes that exist only in the backend package
 * (plugins/nt-infra-backend/src/...), which the frontend must not import.
 * Each mirrors the named backend type field for field; keep them in step.
 */

/** One step of a scenario file (backend: gamedays/scenario.ts ScenarioStep, the fields shown). */
export interface GameDayScenarioStep {
  name: string;
  type: 'chaos' | 'failover' | 'wait' | 'check';
  timeout: string;
  description?: string;
  continueOnFailure?: boolean;
  [field: string]: unknown;
}

/** Backend: gamedays/GameDayScenarios.ts LibraryScenario. */
export interface GameDayScenario {
  name: string;
  file: string;
  title: string;
  description: string;
  environment: EnvironmentName;
  regions: string[];
  observers: string[];
  cadence?: 'on-demand' | 'monthly' | 'quarterly';
  steps: GameDayScenarioStep[];
}

/** `GET /gamedays/scenarios` (backend: GameDayScenarios.ts ScenariosResponse). */
export interface GameDayScenariosResponse {
  items: GameDayScenario[];
  problems: Array<{ file: string; message: string }>;
}

/** `POST /gamedays/:id/notes` answer (backend: GameDayService.addNote). */
export interface GameDayNote {
  seq: number;
  step: string;
  line: string;
}

/**
 * `GET /gamedays/:id/report?format=json` (backend: gamedays/gameDayReport.ts
 * GameDayReport). Only the parts the portal renders are typed.
 */
export interface GameDayReport {
  gameDay: {
    id: string;
    title: string;
    scenario: string;
    environment: string;
    regions: string[];
    requestedBy: string;
    state: string;
    createdAt: string;
    startedAt?: string;
    endedAt?: string;
  };
  outcome: {
    state: string;
    verdict?: string;
    reason?: string;
    failedSteps: string[];
  };
  steps: Array<{
    seq: number;
    name: string;
    type: string;
    state: string;
    startedAt?: string;
    endedAt?: string;
    durationMs?: number;
    error?: string;
    child?: {
      id: string;
      kind: string;
      title: string;
      state: string;
      /** A failover child's outcome without its raw samples. */
      measurements?: Record<string, unknown>;
    };
    notes: Array<{ at: string; author: string; text: string }>;
  }>;
  notes: Array<{ at: string; author: string; text: string; step: string }>;
}

/** Backend: gitops/types.ts ScaleWorkloadParams. */
export interface ScaleWorkloadParams {
  environment: EnvironmentName;
  workload: string;
  minReplicas?: number;
  maxReplicas?: number;
  replicas?: number;
}

/** Backend: gitops/types.ts TrafficManagerParams. */
export interface TrafficManagerParams {
  environment: EnvironmentName;
  dnsTtlSeconds?: number;
  endpointPriorities?: Record<string, number>;
  monitor?: {
    intervalInSeconds?: number;
    timeoutInSeconds?: number;
    toleratedNumberOfFailures?: number;
  };
}

/** Backend: gitops/types.ts PromoteParams: copy a staging setting to production. */
export interface PromoteParams {
  setting: { type: 'hpa-bounds'; workload: string } | { type: 'dns-ttl' };
}

/**
 * `POST /gitops/changes[/preview]` (backend: gitops/types.ts
 * ChangeRequestInput). The portal builds the kinds it has forms for; new
 * chaos experiments are written as files in the repository.
 */
export type ChangeRequestInput = (
  | { kind: 'scale-workload'; params: ScaleWorkloadParams }
  | { kind: 'traffic-manager'; params: TrafficManagerParams }
  | { kind: 'promote'; params: PromoteParams }
) & { reason: string; runId?: string; windowId?: string };
