export { FailoverPage } from './FailoverPage';
