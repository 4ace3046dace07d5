export interface Config {
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
