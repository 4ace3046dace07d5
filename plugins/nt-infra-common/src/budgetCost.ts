import { BurnRateWindow } from './health';

/**
 * What one part of a drill is expected to cost one region: the users'
 * requests to it that fail, as seconds of a full outage. @public
 */
export interface BudgetCostItem {
  /** The step's name for a GameDay; `failover` for a failover test. */
  step: string;
  kind: 'failover' | 'chaos';
  region: string;
  /** Seconds of every request to the region failing that this part amounts to. */
  outageSeconds: number;
  /** Share of the region's error budget (fraction of the whole budget). */
  cost: number;
  /** The facts it is derived from and what it assumes, in words. */
  basis: string;
}

/** The expected cost of a drill to one region's error budget. @public */
export interface RegionBudgetCost {
  region: string;
  /** Share of the whole budget the drill is expected to spend (0.023 = 2.3 %). */
  cost: number;
  /** Budget left now (fraction; ≤ 0 is exhausted); undefined when unknown. */
  remaining?: number;
  /** Budget expected left afterwards; undefined when `remaining` is unknown. */
  after?: number;
  /** The drill is expected to spend what is left (or the budget is gone already). */
  exhausts: boolean;
}

/**
 * Response of `POST /failover-tests/preview` and `POST /gamedays/preview`:
 * the error-budget cost expected of the drill, before it is started. @public
 */
export interface BudgetCostEstimate {
  environment: string;
  slo: {
    objective: number;
    /** The window the budget is computed over (`ntInfra.slo.budgetWindow`). */
    window: BurnRateWindow;
    windowSeconds: number;
    /** Seconds of a full outage the whole budget allows: window × (1 − objective). */
    budgetSeconds: number;
  };
  regions: RegionBudgetCost[];
  items: BudgetCostItem[];
  /** The estimate's assumption, e.g. "worst case: every request fails until switch + TTL". */
  assumption: string;
  /** Some region's budget would be spent (or is spent already). */
  exhausts: boolean;
}
