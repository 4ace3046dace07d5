import {
  chaosApprovePermission,
  chaosRunPermission,
  experimentReadPermission,
  auditReadPermission,
  failoverRunPermission,
  gamedayRunPermission,
  gitopsApprovePermission,
  gitopsCreatePermission,
  haltPermission,
  regionReadPermission,
  runReadPermission,
  trafficReadPermission,
} from '@internal/plugin-nt-infra-common';
import { Role } from './roles';

/**
 * The least role of every permission a plugin of this backend registers,
 * decided one by one. A permission missing here is denied to everyone: a
 * plugin added later (or a new permission in an upgrade) gets no right until
 * someone writes it down. `permissionTable.test.ts` fails when an installed
 * plugin exports a permission this table does not decide.
 */
export const PERMISSION_TABLE: Readonly<Record<string, Role>> = {
  // Catalog. Reading is for everyone signed in. Anything that adds or removes
  // entities or locations is for admins: a registered location may carry
  // User and Group entities, and groups decide roles.
  'catalog.entity.read': 'viewer',
  'catalog.location.read': 'viewer',
  'catalog.ingestion.read': 'viewer',
  'catalog.entity.refresh': 'engineer',
  'catalog.entity.validate': 'engineer',
  'catalog.entity.create': 'admin',
  'catalog.entity.delete': 'admin',
  'catalog.location.create': 'admin',
  'catalog.location.delete': 'admin',
  // Analyzing a location makes the backend fetch any URL a caller names.
  'catalog.location.analyze': 'admin',
  'catalog.ingestion.manage': 'admin',

  // Kubernetes tab. Reads go through the plugin's own read-only identity;
  // the proxy forwards any verb to a cluster, so it is for admins only (and
  // refused to every non-user principal, see kubernetesProxyGuard).
  'kubernetes.clusters.read': 'viewer',
  'kubernetes.resources.read': 'viewer',
  'kubernetes.proxy': 'admin',

  // Software Templates. Everyone signed in sees the templates and their
  // forms; running one (a task, its actions), reading tasks and cancelling
  // them is for engineers: each of our actions then checks its own nt-infra
  // permission as that person (nt-infra:gitops:change needs
  // nt-infra.gitops.create). Dry runs of any template body and the template
  // editor execute arbitrary steps (URL fetches included), so admins only.
  // Service principals are refused the scaffolder's API before any of this
  // (modules/scaffolderPeopleOnly).
  'scaffolder.template.parameter.read': 'viewer',
  'scaffolder.template.step.read': 'viewer',
  'scaffolder.task.create': 'engineer',
  'scaffolder.action.execute': 'engineer',
  'scaffolder.task.read': 'engineer',
  'scaffolder.task.cancel': 'engineer',
  'scaffolder.template.dry-run': 'admin',
  'scaffolder.template.management': 'admin',

  // nt-infra: the portal's guard rails. Approving production chaos or a
  // change request and halting everything are for approvers; starting runs
  // and opening change requests for engineers; reading for every signed-in
  // user.
  [regionReadPermission.name]: 'viewer',
  [trafficReadPermission.name]: 'viewer',
  [runReadPermission.name]: 'viewer',
  [experimentReadPermission.name]: 'viewer',
  [auditReadPermission.name]: 'viewer',
  [chaosRunPermission.name]: 'engineer',
  [failoverRunPermission.name]: 'engineer',
  [gamedayRunPermission.name]: 'engineer',
  [gitopsCreatePermission.name]: 'engineer',
  [chaosApprovePermission.name]: 'approver',
  [gitopsApprovePermission.name]: 'approver',
  [haltPermission.name]: 'approver',
};
