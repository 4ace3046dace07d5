export { BlastRadiusTable } from './BlastRadiusTable';
export type { BlastRadiusRow } from './BlastRadiusTable';
