import { InputError } from '@backstage/errors';
import {
  BudgetCostEstimate,
  BudgetCostItem,
  BurnRateWindow,
  ChaosRunRequest,
  EnvironmentName,
} from '@internal/plugin-nt-infra-common';
import { MetricsProvider } from '../../providers/metrics/MetricsProvider';
import { promqlString } from '../../providers/metrics/sliQueries';
import { TrafficProvider } from '../../providers/traffic/TrafficProvider';
import { EnvironmentCatalog } from '../EnvironmentCatalog';
import { failoverTimingOf, PrimaryCutMethod } from '../failover';
import { HEALTH_CHECK_ROUTE } from '../failover/userTraffic';
import { FailoverSettings } from '../failoverRuns/failoverRunTypes';
import { ErrorBudgetPort } from '../policy/ports';
import {
  costItem,
  sloBudget,
  SloBudget,
  summariseCost,
} from './budgetArithmetic';
import { failoverOutage } from './failoverOutage';
import { faultFailureShare } from './faultFailureShare';

/** A failover test or a GameDay's failover step, as the estimate needs it. */
export interface FailoverPlan {
  environment: EnvironmentName;
  fromRegion: string;
  method: PrimaryCutMethod;
  holdDownSeconds?: number;
}

/** A GameDay step as the estimate needs it; waits and checks cost nothing. */
export type GameDayStepPlan =
  | ({ type: 'failover'; name: string } & Omit<FailoverPlan, 'environment'>)
  | {
      type: 'chaos';
      name: string;
      request: ChaosRunRequest;
      /** The step's timeout: the longest its fault can last. */
      timeoutMs: number;
    }
  | { type: 'other'; name: string };

/** The blast radius and duration of a chaos run, as its preview measures them. */
export type ChaosPreviewer = (request: ChaosRunRequest) => Promise<{
  resource: { kind?: string; spec?: Record<string, unknown> };
  durationMs: number;
  blastRadius: Array<{ region: string; fraction: number }>;
}>;

export interface BudgetCostEstimatorOptions {
  environments: EnvironmentCatalog;
  traffic: TrafficProvider;
  metrics: MetricsProvider;
  errorBudget: ErrorBudgetPort;
  failover: Pick<FailoverSettings, 'holdDownSeconds' | 'maxObservationSeconds'>;
  slo: { objective: number; budgetWindow: BurnRateWindow };
}

const ASSUMPTION =
  'Worst case, with requests as steady as over the SLO window: every request to a region whose app is made unhealthy fails until Traffic Manager switches and the DNS TTL has passed; a chaos step fails every request its targeted share of the pods would serve for the fault’s whole duration (added latency none, packet loss its percentage); a disabled endpoint is a drain and fails none.';

const percent = (fraction: number) => `${(fraction * 100).toFixed(1)} %`;

/**
 * What a failover test or GameDay is expected to cost in error budget,
 * before it starts: from the Traffic Manager profile's probe and DNS
 * settings, the test's hold-down and observation, each chaos step's blast
 * radius and duration, against the SLO's objective and window and the
 * budget each region has left now (the same reading the policy's gate uses).
 */
export class BudgetCostEstimator {
  constructor(private readonly options: BudgetCostEstimatorOptions) {}

  async failover(plan: FailoverPlan): Promise<BudgetCostEstimate> {
    const slo = this.slo();
    const item = await this.failoverItem(plan, 'failover', slo);
    return this.summarise(plan.environment, slo, [item]);
  }

  async gameDay(
    environment: EnvironmentName,
    steps: GameDayStepPlan[],
    preview: ChaosPreviewer,
  ): Promise<BudgetCostEstimate> {
    const slo = this.slo();
    const items: BudgetCostItem[] = [];
    for (const step of steps) {
      if (step.type === 'failover') {
        items.push(
          await this.failoverItem({ environment, ...step }, step.name, slo),
        );
      } else if (step.type === 'chaos') {
        items.push(...(await this.chaosItems(step, preview, slo)));
      }
    }
    return this.summarise(environment, slo, items);
  }

  private slo(): SloBudget {
    const { objective, budgetWindow } = this.options.slo;
    return sloBudget(objective, budgetWindow);
  }

  private async summarise(
    environment: EnvironmentName,
    slo: SloBudget,
    items: BudgetCostItem[],
  ): Promise<BudgetCostEstimate> {
    const regions = [...new Set(items.map(i => i.region))];
    const remaining = await this.options.errorBudget.remaining(
      environment,
      regions,
    );
    return summariseCost({
      environment,
      slo,
      regions,
      items,
      remaining,
      assumption: ASSUMPTION,
    });
  }

  private async failoverItem(
    plan: FailoverPlan,
    step: string,
    slo: SloBudget,
  ): Promise<BudgetCostItem> {
    const env = this.options.environments.get(plan.environment);
    const primary = env.regions.find(r => r.role === 'primary');
    if (primary?.name !== plan.fromRegion) {
      throw new InputError(
        `Invalid body field 'fromRegion': '${plan.fromRegion}' is not the primary region of ${env.name} (${primary?.name})`,
      );
    }
    const profile = await this.options.traffic.getProfile(env.trafficManager);
    const outage = failoverOutage({
      method: plan.method,
      timing: failoverTimingOf(profile),
      holdDownSeconds:
        plan.holdDownSeconds ?? this.options.failover.holdDownSeconds,
      maxObservationSeconds: this.options.failover.maxObservationSeconds,
      healthCheckShare:
        plan.method === 'unhealthy'
          ? await this.healthCheckShare(primary.metricsRegion)
          : undefined,
    });
    return costItem(
      {
        step,
        kind: 'failover',
        region: primary.name,
        outageSeconds: outage.outageSeconds,
        basis: outage.basis,
      },
      slo,
    );
  }

  private async chaosItems(
    step: Extract<GameDayStepPlan, { type: 'chaos' }>,
    preview: ChaosPreviewer,
    slo: SloBudget,
  ): Promise<BudgetCostItem[]> {
    const { resource, durationMs, blastRadius } = await preview(step.request);
    // A fault without its own duration lasts until the step times out.
    const seconds =
      Math.min(durationMs > 0 ? durationMs : Infinity, step.timeoutMs) / 1000;
    const failing = faultFailureShare(resource);
    return blastRadius.map(r =>
      costItem(
        {
          step: step.name,
          kind: 'chaos',
          region: r.region,
          outageSeconds: failing.share * r.fraction * seconds,
          basis: `${percent(
            r.fraction,
          )} of the matching pods for ${seconds} s; ${failing.why}`,
        },
        slo,
      ),
    );
  }

  /**
   * Health checks' share of a region's requests, from the request counters
   * (`route="/healthz"` against all): the part of its traffic that still
   * arrives, and fails, once users have moved away.
   */
  private async healthCheckShare(
    metricsRegion: string,
  ): Promise<number | undefined> {
    try {
      const samples = await this.options.metrics.query(
        `http_requests_total{region=${promqlString(metricsRegion)}}`,
      );
      const total = samples.reduce((sum, x) => sum + x.value, 0);
      const health = samples
        .filter(x => x.labels.route === HEALTH_CHECK_ROUTE)
        .reduce((sum, x) => sum + x.value, 0);
      return total > 0 ? health / total : undefined;
    } catch {
      // An estimate without it says so; it must not block the preview.
      return undefined;
    }
  }
}
