export * from './types';
export type { WindowStore, WindowDecisionRequest } from './WindowStore';
export { DatabaseWindowStore } from './DatabaseWindowStore';
export { WindowService, SYSTEM_ACTOR } from './WindowService';
export type { WindowServiceOptions } from './WindowService';
export type { WindowRequest } from './windowRules';
export { registerWindowRoutes } from './windowRoutes';
export type { WindowRouteDeps } from './windowRoutes';
export { windowPort } from './windowPort';
