import {
  BackstageUserPrincipal,
  PermissionsService,
  PermissionsServiceRequestOptions,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizePermissionRequest,
  AuthorizePermissionResponse,
  isResourcePermission,
  QueryPermissionRequest,
  QueryPermissionResponse,
} from '@backstage/plugin-permission-common';

/** More principals than this at once is not a team using a portal; the oldest go first. */
const MAX_ENTRIES = 10_000;

/**
 * Remembers the permission policy's answer to a person's read of a view for
 * at most `ttlMs` (the refresh interval of the views: what they show is that
 * old anyway), so a dashboard's reads stop costing a decision over HTTP
 * each. Everything else (writes, resource permissions, services, batches)
 * goes to the policy every time.
 *
 * The key is the person *and* their ownership refs, which is what the
 * policy's roles are bound to: a role change gives the user a token with
 * other refs, hence another key, so the old decision is dropped at once; a
 * revocation the token does not show is honoured within `ttlMs`.
 */
export class ReadDecisionCache implements PermissionsService {
  private readonly decisions = new Map<
    string,
    { response: AuthorizePermissionResponse; expiresAt: number }
  >();

  constructor(
    private readonly options: {
      permissions: PermissionsService;
      userInfo: UserInfoService;
      ttlMs: number;
      now?: () => number;
    },
  ) {}

  async authorize(
    requests: AuthorizePermissionRequest[],
    options: PermissionsServiceRequestOptions,
  ): Promise<AuthorizePermissionResponse[]> {
    const key = await this.keyOf(requests, options);
    if (!key) return this.options.permissions.authorize(requests, options);
    const now = this.options.now?.() ?? Date.now();
    const hit = this.decisions.get(key);
    if (hit && hit.expiresAt > now) return [hit.response];

    const [response] = await this.options.permissions.authorize(
      requests,
      options,
    );
    this.decisions.delete(key);
    if (this.decisions.size >= MAX_ENTRIES) {
      this.decisions.delete(this.decisions.keys().next().value!);
    }
    this.decisions.set(key, { response, expiresAt: now + this.options.ttlMs });
    return [response];
  }

  authorizeConditional(
    requests: QueryPermissionRequest[],
    options: PermissionsServiceRequestOptions,
  ): Promise<QueryPermissionResponse[]> {
    return this.options.permissions.authorizeConditional(requests, options);
  }

  /** A cache key for one basic read by a person; undefined for anything else. */
  private async keyOf(
    requests: AuthorizePermissionRequest[],
    options: PermissionsServiceRequestOptions,
  ): Promise<string | undefined> {
    if (requests.length !== 1) return undefined;
    const { permission, resourceRef } = requests[0];
    if (
      isResourcePermission(permission) ||
      resourceRef !== undefined ||
      permission.attributes.action !== 'read' ||
      (options.credentials.principal as { type?: string }).type !== 'user'
    ) {
      return undefined;
    }
    const { userEntityRef } = options.credentials
      .principal as BackstageUserPrincipal;
    let ownershipEntityRefs: string[];
    try {
      ({ ownershipEntityRefs } = await this.options.userInfo.getUserInfo(
        options.credentials,
      ));
    } catch {
      // Credentials without user info (a limited token): ask the policy.
      return undefined;
    }
    return JSON.stringify([
      userEntityRef,
      [...ownershipEntityRefs].sort(),
      permission.name,
    ]);
  }
}
