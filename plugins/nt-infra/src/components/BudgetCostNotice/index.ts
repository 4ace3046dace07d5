export { BudgetCostNotice, describeRegionCost } from './BudgetCostNotice';
