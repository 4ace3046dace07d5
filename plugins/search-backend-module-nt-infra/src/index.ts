/**
 * Search collators of the nt-infra plugin: the chaos experiment library,
 * chaos runs, failover tests and GameDays.
 *
 * @packageDocumentation
 */
export { searchModuleNtInfraCollators as default } from './module';
export { NT_INFRA_COLLATOR_SCHEDULE_KEY } from './module';
export {
  NtInfraExperimentCollatorFactory,
  NtInfraRunCollatorFactory,
} from './collators';
export {
  NT_INFRA_EXPERIMENT_TYPE,
  NT_INFRA_RUN_TYPE,
  type NtInfraExperimentDocument,
  type NtInfraRunDocument,
} from './documents';
export { NtInfraReader } from './NtInfraReader';
