export {
  previewBlastRadius,
  computeBlastRadius,
  recheckBlastRadius,
  countedBlastRadius,
} from './blastRadius';
export type {
  BlastRadius,
  BlastRadiusLimit,
  BlastRadiusRecheck,
  NetworkTargetPreview,
  PreviewBlastRadiusOptions,
} from './blastRadius';
export { pinTargets } from './pinTargets';
export { podsToHit, hitRange, pickPods } from './modeSelection';
export type { ModeSpec, SelectorMode } from './modeSelection';
export {
  podFailureTemplate,
  networkLatencyTemplate,
  cpuStressTemplate,
  memoryStressTemplate,
  databaseThrottlingTemplate,
  assertValidExperiment,
  experimentName,
} from './templates';
export type {
  PodFailureInput,
  NetworkLatencyInput,
  CpuStressInput,
  MemoryStressInput,
  DatabaseThrottlingInput,
} from './templates';
export { StopConditionWatcher } from './StopConditionWatcher';
export type {
  Clock,
  MissingMetric,
  StopConditionEvidence,
  StopConditionVerdict,
  StopConditionWatcherOptions,
} from './StopConditionWatcher';
export {
  isStopConditionFor,
  isStopConditionMetric,
  parseStopCondition,
  stopConditionProblem,
  stopConditionSchema,
} from './stopConditionGrammar';
