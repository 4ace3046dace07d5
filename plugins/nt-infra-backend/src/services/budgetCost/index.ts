export { BudgetCostEstimator } from './BudgetCostEstimator';
export type {
  BudgetCostEstimatorOptions,
  ChaosPreviewer,
  FailoverPlan,
  GameDayStepPlan,
} from './BudgetCostEstimator';
export { estimateGameDayCost } from './gameDayCost';
export { costOfOutage, sloBudget, summariseCost } from './budgetArithmetic';
export { failoverOutage } from './failoverOutage';
