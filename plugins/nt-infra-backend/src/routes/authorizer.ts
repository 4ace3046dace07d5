import {
  BackstageCredentials,
  BackstageUserPrincipal,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { BasicPermission } from '@backstage/plugin-permission-common';
import {
  chaosApprovePermission,
  gitopsApprovePermission,
  haltPermission,
} from '@internal/plugin-nt-infra-common';
import { Request } from 'express';
import { AuditStore } from '../database/AuditStore';
import { ServiceEnvironments, serviceRefusal } from './serviceEnvironments';

/** Server-side permission checks shared by every route module. */
export interface Authorizer {
  /** The caller's credentials if the policy allows `permission`; NotAllowedError otherwise. */
  authorize(
    req: Request,
    permission: BasicPermission,
  ): Promise<BackstageCredentials>;
  /**
   * As `authorize`, for an act in one environment: a service principal must
   * also be allowed there by `ntInfra.serviceAccess`.
   */
  authorizeIn(
    req: Request,
    permission: BasicPermission,
    environment: string,
  ): Promise<BackstageCredentials>;
  /** The acting user's entity ref (or the calling service's subject). */
  actorOf(credentials: BackstageCredentials): string;
  /** Whether `authorize` would allow it, without a refusal to audit (for "may also…" checks). */
  allows(
    credentials: BackstageCredentials,
    permission: BasicPermission,
  ): Promise<boolean>;
  /** Why a service principal may not act in `environment`, if it may not. */
  environmentRefusal(
    credentials: BackstageCredentials,
    environment: string,
  ): string | undefined;
}

function actorOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as
    | BackstageUserPrincipal
    | { type: string; subject?: string };
  if (principal.type === 'user') {
    return (principal as BackstageUserPrincipal).userEntityRef;
  }
  return `${principal.type}:${
    (principal as { subject?: string }).subject ?? 'unknown'
  }`;
}

/**
 * Permissions only a person may use. Backstage trusts service principals
 * (other plugins, external access tokens) with every permission their access
 * restrictions allow, before any policy runs; approving (four-eyes is
 * between people) and halting or releasing everything stay with people.
 */
const PEOPLE_ONLY = new Set([
  chaosApprovePermission.name,
  gitopsApprovePermission.name,
  haltPermission.name,
]);

/**
 * Denied attempts at anything but reading are written to the audit trail
 * too: who tried what matters most when it was refused.
 */
export function createAuthorizer(deps: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  audit: AuditStore;
  /** Default: no service principal may act in any environment. */
  serviceEnvironments?: ServiceEnvironments;
}): Authorizer {
  const scopes = deps.serviceEnvironments ?? new Map();
  const personOrAllowedService = (
    credentials: BackstageCredentials,
    permission: BasicPermission,
  ) =>
    !PEOPLE_ONLY.has(permission.name) ||
    (credentials.principal as { type?: string }).type === 'user';
  const policyAllows = async (
    credentials: BackstageCredentials,
    permission: BasicPermission,
  ) =>
    (await deps.permissions.authorize([{ permission }], { credentials }))[0]
      .result === 'ALLOW';
  const refuse = async (
    req: Request,
    credentials: BackstageCredentials,
    permission: BasicPermission,
    reason: string,
    message = `Not allowed: ${permission.name}`,
  ) => {
    if (permission.attributes.action !== 'read') {
      await deps.audit.append({
        actor: actorOf(credentials),
        action: permission.name,
        targetType: 'route',
        targetId: `${req.method} ${req.baseUrl}${req.path}`,
        decision: 'denied',
        reason,
      });
    }
    return new NotAllowedError(message);
  };
  const authorize = async (req: Request, permission: BasicPermission) => {
    const credentials = await deps.httpAuth.credentials(req);
    if (!personOrAllowedService(credentials, permission)) {
      throw await refuse(
        req,
        credentials,
        permission,
        'only a signed-in person may approve or halt',
      );
    }
    if (!(await policyAllows(credentials, permission))) {
      throw await refuse(
        req,
        credentials,
        permission,
        'the permission policy denied it',
      );
    }
    return credentials;
  };
  return {
    authorize,
    async authorizeIn(req, permission, environment) {
      const credentials = await authorize(req, permission);
      const reason = serviceRefusal(credentials, environment, scopes);
      if (reason) {
        throw await refuse(
          req,
          credentials,
          permission,
          reason,
          `Not allowed: ${permission.name} in ${environment}`,
        );
      }
      return credentials;
    },
    environmentRefusal: (credentials, environment) =>
      serviceRefusal(credentials, environment, scopes),
    actorOf,
    async allows(credentials, permission) {
      return (
        personOrAllowedService(credentials, permission) &&
        (await policyAllows(credentials, permission))
      );
    },
  };
}
