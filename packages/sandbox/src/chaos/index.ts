export { ChaosController } from './ChaosController';
export type { ChaosChange, ChaosObject } from './ChaosController';
export { parseGoDuration } from './duration';
export { validateChaosSpec } from './validate';
export { selectPods } from './selectPods';
export {
  CHAOS_API_VERSION,
  CHAOS_GROUP,
  CHAOS_KINDS,
  chaosKindByPlural,
} from './kinds';
export type { ChaosKind } from './kinds';
