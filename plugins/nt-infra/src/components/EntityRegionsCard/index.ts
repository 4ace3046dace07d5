export { EntityRegionsCard } from './EntityRegionsCard';
export { hasInfraAnnotations } from './entityAnnotations';
