/**
 * Shared types, permissions and constants of the nt-infra plugin.
 *
 * @packageDocumentation
 */
export * from './budgetCost';
export * from './chaos';
export * from './constants';
export * from './delivery';
export * from './experiments';
export * from './failoverTests';
export * from './gamedays';
export * from './gitops';
export * from './health';
export * from './observed';
export * from './runs';
export * from './resilience';
export * from './entityWorkload';
export * from './traffic';
export * from './permissions';
export * from './types';
export * from './windows';
export * from './schema';
export * from './search';
export * from './signals';
