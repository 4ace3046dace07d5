export {
  StopConditionsEditor,
  toDrafts,
  toStopConditions,
} from './StopConditionsEditor';
export type { StopConditionDraft } from './StopConditionsEditor';
