export { SliImpactChart, rangeFor } from './SliImpactChart';
