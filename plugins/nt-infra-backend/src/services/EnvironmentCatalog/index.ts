export { EnvironmentCatalog } from './EnvironmentCatalog';
