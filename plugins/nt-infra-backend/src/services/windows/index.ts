export * from './types';
export type {
  WindowStore,
  WindowDecisionRequest,
} from '../../database/WindowStore';
export { DatabaseWindowStore } from '../../database/DatabaseWindowStore';
export { WindowService, SYSTEM_ACTOR } from './WindowService';
export type { WindowServiceOptions } from './WindowService';
export type { WindowRequest } from './windowRules';
export { registerWindowRoutes } from './windowRoutes';
export type { WindowRouteDeps } from './windowRoutes';
export { windowPort } from './windowPort';
