export { authModuleGithubOrgMemberProvider as default } from './module';
