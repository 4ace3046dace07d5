import { RunStore } from '../database/RunStore';
import { ChaosRunService } from '../services/chaosRuns/ChaosRunService';
import { ExperimentLibrary } from '../services/ExperimentLibrary';
import { FailoverRunService } from '../services/failoverRuns';
import { GameDayService } from '../services/gamedays/GameDayService';
import { HealthService } from '../services/health';
import { ResilienceService } from '../services/resilience';
import { WindowService } from '../services/windows';
import { registerChaosActions } from './chaosActions';
import { registerFailoverActions } from './failoverActions';
import { registerRegionHealthAction } from './regionHealthAction';
import { ActionBaseDeps } from './registerAuditedAction';
import { registerResilienceAction } from './resilienceAction';
import { registerRunActions } from './runActions';
import { registerWindowActions } from './windowActions';

export interface NtInfraActionsDeps extends ActionBaseDeps {
  health: HealthService;
  experiments: ExperimentLibrary;
  chaos: ChaosRunService;
  failover: FailoverRunService;
  windows: WindowService;
  runs: RunStore;
  gamedays: GameDayService;
  resilience: ResilienceService;
}

/**
 * The portal's capabilities in Backstage's actions registry (and through it
 * MCP): the same services, permissions and audit trail as the routes.
 */
export function registerNtInfraActions(deps: NtInfraActionsDeps) {
  registerRegionHealthAction(deps);
  registerChaosActions(deps);
  registerFailoverActions(deps);
  registerWindowActions(deps);
  registerRunActions(deps);
  registerResilienceAction(deps);
}
