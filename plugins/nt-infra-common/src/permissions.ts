import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Read the regions of each environment: Traffic Manager endpoint, cluster
 * readiness and SLIs.
 * @public
 */
export const regionReadPermission = createPermission({
  name: 'nt-infra.region.read',
  attributes: { action: 'read' },
});

/** Read Traffic Manager profiles, endpoints and the live DNS answer. @public */
export const trafficReadPermission = createPermission({
  name: 'nt-infra.traffic.read',
  attributes: { action: 'read' },
});

/** Read the history of chaos runs, failover tests and GameDays. @public */
export const runReadPermission = createPermission({
  name: 'nt-infra.run.read',
  attributes: { action: 'read' },
});

/** Read the chaos-experiment library. @public */
export const experimentReadPermission = createPermission({
  name: 'nt-infra.experiment.read',
  attributes: { action: 'read' },
});

/** Read the append-only audit trail. @public */
export const auditReadPermission = createPermission({
  name: 'nt-infra.audit.read',
  attributes: { action: 'read' },
});

/** Start (request) a chaos run. @public */
export const chaosRunPermission = createPermission({
  name: 'nt-infra.chaos.run',
  attributes: { action: 'create' },
});

/** Approve a production chaos window or run requested by someone else. @public */
export const chaosApprovePermission = createPermission({
  name: 'nt-infra.chaos.approve',
  attributes: { action: 'update' },
});

/** Start a region failover test. @public */
export const failoverRunPermission = createPermission({
  name: 'nt-infra.failover.run',
  attributes: { action: 'create' },
});

/** Start or abort a GameDay. @public */
export const gamedayRunPermission = createPermission({
  name: 'nt-infra.gameday.run',
  attributes: { action: 'create' },
});

/** Open a GitOps change request against the infrastructure repository. @public */
export const gitopsCreatePermission = createPermission({
  name: 'nt-infra.gitops.create',
  attributes: { action: 'create' },
});

/**
 * Approve, merge or close someone else's GitOps change request: a change to
 * production infrastructure, so for approvers, as production chaos is.
 * @public
 */
export const gitopsApprovePermission = createPermission({
  name: 'nt-infra.gitops.approve',
  attributes: { action: 'update' },
});

/** Halt everything: remove every fault the portal created and stop all runs. @public */
export const haltPermission = createPermission({
  name: 'nt-infra.halt',
  attributes: { action: 'delete' },
});

/** Every permission of the plugin, for registration with the permissions registry. @public */
export const ntInfraPermissions = [
  regionReadPermission,
  trafficReadPermission,
  runReadPermission,
  experimentReadPermission,
  auditReadPermission,
  chaosRunPermission,
  chaosApprovePermission,
  failoverRunPermission,
  gamedayRunPermission,
  gitopsCreatePermission,
  gitopsApprovePermission,
  haltPermission,
];
