import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  search?: {
    collators?: {
      /** nt-infra's experiment library and run history. */
      ntInfra?: {
        /**
         * How often both collators run; default every 10 minutes (timeout
         * 15 minutes, first run 10 seconds after start).
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
  };
}
