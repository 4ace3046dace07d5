/**
 * Software Template actions of the nt-infra plugin.
 *
 * @packageDocumentation
 */
export { scaffolderModuleNtInfra as default } from './module';
export {
  createGitOpsChangeAction,
  GITOPS_CHANGE_ACTION_ID,
} from './gitopsChangeAction';
