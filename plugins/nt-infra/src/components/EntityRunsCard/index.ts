export { EntityRunsCard } from './EntityRunsCard';
