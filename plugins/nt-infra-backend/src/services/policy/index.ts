export { RunPolicy } from './RunPolicy';
export type {
  BlastRadiusRequest,
  PlannedTargets,
  PolicyRunKind,
  RefusalAudit,
  RunPolicyOptions,
  RunProposal,
} from './RunPolicy';
export { readRunPolicySettings } from './runPolicySettings';
export type { RunPolicySettings } from './runPolicySettings';
export type {
  BlastRadiusPort,
  BlastRadiusQuery,
  ErrorBudgetPort,
  HaltPort,
  WindowPort,
  WindowQuery,
} from './ports';
export { runWindowOf } from './runWindow';
export type { RunWindow } from './runWindow';
export type {
  ChaosRunProposal,
  CoveringWindow,
  PolicyDecision,
} from './ChaosPolicy';
