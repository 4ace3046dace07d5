import { BudgetCostEstimate } from '@internal/plugin-nt-infra-common';

const slo: BudgetCostEstimate['slo'] = {
  objective: 0.999,
  window: '30d',
  windowSeconds: 2_592_000,
  budgetSeconds: 2592,
};

/** An unhealthy primary: 60 s of a full outage against 80 % of the budget left. */
export const failoverCost: BudgetCostEstimate = {
  environment: 'production',
  slo,
  regions: [
    {
      region: 'eastus',
      cost: 0.0231,
      remaining: 0.8,
      after: 0.7769,
      exhausts: false,
    },
  ],
  items: [
    {
      step: 'failover',
      kind: 'failover',
      region: 'eastus',
      outageSeconds: 60,
      cost: 0.0231,
      basis: 'every request to the primary fails for 60 s: detection + TTL',
    },
  ],
  assumption: 'Worst case: every request fails until switch + TTL.',
  exhausts: false,
};

/** A GameDay against a region with 3 % of its budget left. */
export const exhaustingCost: BudgetCostEstimate = {
  ...failoverCost,
  regions: [
    {
      region: 'eastus',
      cost: 0.046,
      remaining: 0.03,
      after: -0.016,
      exhausts: true,
    },
  ],
  items: [
    { ...failoverCost.items[0], step: 'lose-east', cost: 0.0231 },
    {
      step: 'pod-failure',
      kind: 'chaos',
      region: 'eastus',
      outageSeconds: 60,
      cost: 0.0229,
      basis: '50.0 % of the matching pods for 120 s',
    },
  ],
  exhausts: true,
};
