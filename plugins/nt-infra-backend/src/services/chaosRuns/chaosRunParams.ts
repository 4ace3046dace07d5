import { StopCondition } from '@internal/plugin-nt-infra-common';
import { ChaosResource } from '../../providers/clusters/ClusterProvider';

/** Per region: the cluster and exactly which pods the approved run hits. */
export interface RegionPlan {
  region: string;
  cluster: string;
  matching: number;
  targets: Array<{ namespace: string; name: string }>;
}

/** What a chaos run stores in `runs.params` when it is created. */
export interface ChaosRunParams {
  /** Library id or `template:<type>`. */
  source: string;
  /** The resource to apply, named for this run, before pinning its targets. */
  resource: ChaosResource;
  /** Seeds the deterministic choice of target pods (preview, re-check, pinning). */
  seed: string;
  plans: RegionPlan[];
  stopConditions: StopCondition[];
  /** The `region` labels of the run's regions in Prometheus, for the stop conditions. */
  metricsRegions: string[];
  failSafe: boolean;
  durationMs: number;
  maxFraction: number;
  windowId?: string;
  /** When the production window it runs in ends: the run stops then. */
  windowEndsAt?: string;
}

/** A resource the run created, so cleanup finds it after a crash. */
export interface AppliedResource {
  region: string;
  cluster: string;
  kind: ChaosResource['kind'];
  namespace: string;
  name: string;
}

/** What a chaos run accumulates in `runs.outcome`. */
export interface ChaosRunOutcome {
  /** Written before the resources are created: cleanup deletes these idempotently. */
  applied?: AppliedResource[];
  /** How the run ends once its resources are gone. */
  ending?: 'completed' | 'rolled-back' | 'aborted' | 'failed';
  endingReason?: string;
  rollback?: {
    evidence: unknown[];
    /** When the portal's evaluation that saw the breach began (portal clock). */
    breachVisibleAt: string;
    /** When the last resource was deleted. */
    faultRemovedAt: string;
    /** faultRemovedAt − breachVisibleAt, the figure the 5 s target is about. */
    delayMs: number;
  };
  recheck?: Array<{ region: string; unchanged: boolean; changes: string[] }>;
}
