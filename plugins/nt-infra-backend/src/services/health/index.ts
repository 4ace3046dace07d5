export { HealthService } from './HealthService';
export type { HealthServiceOptions } from './HealthService';
export { SliSeriesService } from './SliSeriesService';
export { metricsErrorBudget } from './errorBudget';
