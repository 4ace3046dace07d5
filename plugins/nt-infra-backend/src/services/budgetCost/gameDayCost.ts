import {
  BudgetCostEstimate,
  EnvironmentName,
  GameDayRequest,
} from '@internal/plugin-nt-infra-common';
import { InputError } from '@backstage/errors';
import { goDurationMs } from '../chaos/goDuration';
import { ChaosRunService } from '../chaosRuns/ChaosRunService';
import { chaosRequestOf } from '../gamedays/GameDayScenarios';
import { Scenario } from '../gamedays/scenario';
import { BudgetCostEstimator, GameDayStepPlan } from './BudgetCostEstimator';

/**
 * The expected error-budget cost of a GameDay scenario: its failover steps
 * from the Traffic Manager profile, its chaos steps from the same preview a
 * chaos run gets (the pods they would hit now, the fault's duration).
 */
export async function estimateGameDayCost(deps: {
  request: GameDayRequest;
  scenarios: { get(name: string): Promise<Scenario> };
  estimator: BudgetCostEstimator;
  chaos: Pick<ChaosRunService, 'preview'>;
  requestedBy: string;
}): Promise<BudgetCostEstimate> {
  const { request } = deps;
  const scenario = await deps.scenarios.get(request.scenario);
  if (request.environment && request.environment !== scenario.environment) {
    throw new InputError(
      `Invalid body field 'environment': scenario '${scenario.name}' is a ${scenario.environment} GameDay`,
    );
  }
  const steps: GameDayStepPlan[] = scenario.steps.map(step => {
    switch (step.type) {
      case 'failover':
        return {
          type: 'failover',
          name: step.name,
          fromRegion: step.fromRegion,
          method: step.method,
        };
      case 'chaos':
        return {
          type: 'chaos',
          name: step.name,
          request: chaosRequestOf(scenario, step),
          timeoutMs: goDurationMs(step.timeout)!,
        };
      default:
        return { type: 'other', name: step.name };
    }
  });
  return deps.estimator.gameDay(
    scenario.environment as EnvironmentName,
    steps,
    async chaosRequest => {
      const { preview, params } = await deps.chaos.preview(
        chaosRequest,
        deps.requestedBy,
      );
      return {
        resource: params.resource,
        durationMs: params.durationMs,
        blastRadius: preview.blastRadius,
      };
    },
  );
}
