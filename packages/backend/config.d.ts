import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  catalog?: {
    providers?: {
      /**
       * Users and groups from a GitHub organisation's members and teams
       * (packages/backend/src/modules/githubOrg), with the credentials of the
       * `integrations.github` entry of `host`.
       */
      githubOrg?: {
        /** Organisation login, as in https://github.com/<org>. */
        org: string;
        /** Defaults to github.com. */
        host?: string;
        /** Defaults to every 30 minutes. */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
  };
  permission?: {
    /**
     * Role of a signed-in user bound to no role below: viewer, engineer,
     * approver or admin. Without it, unbound users may do nothing.
     */
    defaultRole?: 'viewer' | 'engineer' | 'approver' | 'admin';
    /**
     * Role bindings: for each role, the catalog users and groups that hold it
     * (entity refs such as `group:default/sre`). Roles are cumulative.
     */
    roles?: {
      viewer?: string[];
      engineer?: string[];
      approver?: string[];
      admin?: string[];
    };
  };
}
