export { GitOpsPage } from './GitOpsPage';
