/**
 * The nt-infra backend plugin.
 *
 * @packageDocumentation
 */
export { ntInfraPlugin as default } from './plugin';
