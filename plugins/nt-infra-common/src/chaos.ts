import { StopCondition } from './experiments';
import type { z } from 'zod';
import type { CHAOS_TEMPLATE_TYPES, chaosRunRequest } from './schema';

/** Parameterised experiments the portal can build. @public */
export type ChaosTemplateType = (typeof CHAOS_TEMPLATE_TYPES)[number];

/**
 * Body of `POST /api/nt-infra/runs/chaos` (and `/runs/chaos/preview`):
 * exactly one of `experimentId` (the library) and `template`. Send an
 * `Idempotency-Key` header to make retries safe.
 * @public
 */
export type ChaosRunRequest = z.infer<typeof chaosRunRequest>;

/** The exact pods a run would hit in one region. @public */
export interface BlastRadiusPreview {
  region: string;
  cluster: string;
  matching: number;
  targets: Array<{ namespace: string; name: string }>;
  fraction: number;
}

/** Response of `POST /api/nt-infra/runs/chaos/preview`. @public */
export interface ChaosRunPreview {
  allowed: boolean;
  /** Why the guard rails refuse it (empty when allowed). */
  reasons: string[];
  /** The Chaos Mesh resource that would be applied (before its targets are pinned). */
  resource: Record<string, unknown>;
  stopConditions: StopCondition[];
  blastRadius: BlastRadiusPreview[];
  windowId?: string;
}

/** The halt-all switch (`GET/POST /api/nt-infra/halt`). @public */
export interface HaltState {
  engaged: boolean;
  changedBy?: string;
  reason?: string;
  changedAt?: string;
}
