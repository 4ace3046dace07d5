export { authModuleSandboxUsersProvider as default } from './module';
