import {
  BudgetCostEstimate,
  BudgetCostItem,
  BurnRateWindow,
  RegionBudgetCost,
} from '@internal/plugin-nt-infra-common';
import { BURN_RATE_WINDOW_SECONDS } from '../../providers/metrics/sliQueries';

export type SloBudget = BudgetCostEstimate['slo'];

/** The SLO's budget as seconds of a full outage: window × (1 − objective). */
export function sloBudget(
  objective: number,
  window: BurnRateWindow,
): SloBudget {
  const windowSeconds = BURN_RATE_WINDOW_SECONDS[window];
  return {
    objective,
    window,
    windowSeconds,
    budgetSeconds: windowSeconds * (1 - objective),
  };
}

/**
 * Share of the budget that `outageSeconds` of every request failing spends,
 * with the request rate as steady as over the window: the budget left is
 * 1 − error ratio / (1 − objective) over the window, and those failures add
 * outageSeconds / windowSeconds to that ratio.
 */
export function costOfOutage(outageSeconds: number, slo: SloBudget): number {
  return slo.budgetSeconds > 0 ? outageSeconds / slo.budgetSeconds : Infinity;
}

/** One item of the estimate, its cost worked out. */
export function costItem(
  item: Omit<BudgetCostItem, 'cost'>,
  slo: SloBudget,
): BudgetCostItem {
  return { ...item, cost: costOfOutage(item.outageSeconds, slo) };
}

/** Adds up the items per region against the budget each region has left now. */
export function summariseCost(input: {
  environment: string;
  slo: SloBudget;
  regions: string[];
  items: BudgetCostItem[];
  remaining: Record<string, number | undefined>;
  assumption: string;
}): BudgetCostEstimate {
  const regions: RegionBudgetCost[] = input.regions.map(region => {
    const cost = input.items
      .filter(i => i.region === region)
      .reduce((sum, i) => sum + i.cost, 0);
    const remaining = input.remaining[region];
    const after = remaining === undefined ? undefined : remaining - cost;
    return {
      region,
      cost,
      ...(remaining === undefined ? {} : { remaining, after }),
      // Already spent counts too: the policy refuses the drill's chaos steps then.
      exhausts: after !== undefined && after <= 0,
    };
  });
  return {
    environment: input.environment,
    slo: input.slo,
    regions,
    items: input.items,
    assumption: input.assumption,
    exhausts: regions.some(r => r.exhausts),
  };
}
