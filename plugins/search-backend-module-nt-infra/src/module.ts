import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { searchIndexRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import {
  NtInfraExperimentCollatorFactory,
  NtInfraRunCollatorFactory,
} from './collators';
import { NtInfraReader } from './NtInfraReader';

/** Config key of the collators' schedule. @public */
export const NT_INFRA_COLLATOR_SCHEDULE_KEY =
  'search.collators.ntInfra.schedule';

/**
 * Every 10 minutes: runs end and GameDay notes are written all day, and a
 * pass is a handful of reads of nt-infra's API per run.
 */
const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 10 },
  timeout: { minutes: 15 },
  initialDelay: { seconds: 10 },
};

/**
 * Indexes nt-infra's experiment library and run history for Backstage
 * search, reading them through nt-infra's API as the search plugin.
 *
 * @public
 */
export const searchModuleNtInfraCollators = createBackendModule({
  pluginId: 'search',
  moduleId: 'nt-infra-collators',
  register(reg) {
    reg.registerInit({
      deps: {
        indexRegistry: searchIndexRegistryExtensionPoint,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
      },
      async init({
        indexRegistry,
        auth,
        discovery,
        config,
        logger,
        scheduler,
      }) {
        const scheduleConfig = config.getOptionalConfig(
          NT_INFRA_COLLATOR_SCHEDULE_KEY,
        );
        const schedule = scheduler.createScheduledTaskRunner(
          scheduleConfig
            ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
                scheduleConfig,
              )
            : DEFAULT_SCHEDULE,
        );
        const reader = new NtInfraReader({ auth, discovery });
        indexRegistry.addCollator({
          schedule,
          factory: new NtInfraExperimentCollatorFactory(reader),
        });
        indexRegistry.addCollator({
          schedule,
          factory: new NtInfraRunCollatorFactory({ reader, logger }),
        });
      },
    });
  },
});
