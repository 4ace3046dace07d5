export { TimeSeriesChart } from './TimeSeriesChart';
export type { TimeSeriesChartProps } from './TimeSeriesChart';
