/**
 * Shared types, permissions and constants of the nt-infra plugin.
 *
 * @packageDocumentation
 */
export * from './constants';
export * from './permissions';
export * from './types';
