export { catalogModuleGithubOrg as default } from './module';
