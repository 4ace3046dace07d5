import { PermissionsService } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import {
  chaosRunPermission,
  regionReadPermission,
} from '@internal/plugin-nt-infra-common';
import { ReadDecisionCache } from './ReadDecisionCache';

const ALICE = 'user:default/alice';
const TTL_MS = 5_000;

/**
 * A policy at the permission framework's boundary: it answers from the
 * caller's current role (by ownership ref) and counts how often it is asked.
 */
function policy(allowedRefs: Set<string>) {
  const asked: string[] = [];
  const permissions: PermissionsService = {
    async authorize(requests) {
      asked.push(requests.map(r => r.permission.name).join(','));
      return requests.map(() => ({
        result: allowedRefs.has('group:default/sre')
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
      }));
    },
    async authorizeConditional(requests) {
      return requests.map(() => ({ result: AuthorizeResult.DENY }));
    },
  };
  return { permissions, asked };
}

function setup(refs: string[]) {
  let now = 1_000_000;
  const current = { refs };
  const allowed = new Set(refs);
  const { permissions, asked } = policy(allowed);
  const userInfo = {
    async getUserInfo() {
      return { userEntityRef: ALICE, ownershipEntityRefs: current.refs };
    },
  };
  const cache = new ReadDecisionCache({
    permissions,
    userInfo,
    ttlMs: TTL_MS,
    now: () => now,
  });
  const read = async (permission = regionReadPermission) =>
    (
      await cache.authorize([{ permission }], {
        credentials: mockCredentials.user(ALICE),
      })
    )[0].result;
  return {
    read,
    asked,
    allowed,
    current,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('ReadDecisionCache', () => {
  it('asks the policy once per person and view within the refresh interval', async () => {
    const t = setup(['group:default/sre']);
    for (let i = 0; i < 50; i++) {
      expect(await t.read()).toBe(AuthorizeResult.ALLOW);
    }
    expect(t.asked).toHaveLength(1);
  });

  it('honours a revocation within the refresh interval, never later', async () => {
    const t = setup(['group:default/sre']);
    expect(await t.read()).toBe(AuthorizeResult.ALLOW);
    // The policy revokes it while the token still shows the same refs.
    t.allowed.delete('group:default/sre');
    t.advance(TTL_MS - 1);
    expect(await t.read()).toBe(AuthorizeResult.ALLOW);
    t.advance(1);
    expect(await t.read()).toBe(AuthorizeResult.DENY);
    expect(t.asked).toHaveLength(2);
  });

  it('drops the decision at once on a role change (other ownership refs)', async () => {
    const t = setup(['group:default/sre']);
    expect(await t.read()).toBe(AuthorizeResult.ALLOW);
    t.current.refs = [ALICE];
    t.allowed.delete('group:default/sre');
    expect(await t.read()).toBe(AuthorizeResult.DENY);
    expect(t.asked).toHaveLength(2);
  });

  it('asks the policy every time for anything but a person reading', async () => {
    const t = setup(['group:default/sre']);
    await t.read(chaosRunPermission);
    await t.read(chaosRunPermission);
    expect(t.asked).toHaveLength(2);

    const inner = policy(new Set(['group:default/sre']));
    const service = new ReadDecisionCache({
      permissions: inner.permissions,
      userInfo: mockServices.userInfo(),
      ttlMs: TTL_MS,
    });
    const options = { credentials: mockCredentials.service() };
    await service.authorize([{ permission: regionReadPermission }], options);
    await service.authorize([{ permission: regionReadPermission }], options);
    expect(inner.asked).toHaveLength(2);

    const resourceRead = createPermission({
      name: 'nt-infra.test.read',
      attributes: { action: 'read' },
      resourceType: 'test',
    });
    await t.read(resourceRead as any);
    await t.read(resourceRead as any);
    expect(t.asked).toHaveLength(4);
  });
});
