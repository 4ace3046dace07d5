import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  AuthorizeResult,
  createPermission,
  Permission,
} from '@backstage/plugin-permission-common';
import {
  catalogEntityCreatePermission,
  catalogEntityReadPermission,
  catalogLocationAnalyzePermission,
  catalogLocationCreatePermission,
} from '@backstage/plugin-catalog-common/alpha';
import {
  kubernetesProxyPermission,
  kubernetesResourcesReadPermission,
} from '@backstage/plugin-kubernetes-common';
import {
  actionExecutePermission,
  taskCancelPermission,
  taskCreatePermission,
  taskReadPermission,
  templateManagementPermission,
  templateParameterReadPermission,
  templateStepReadPermission,
} from '@backstage/plugin-scaffolder-common/alpha';
import { ntInfraPermissions } from '@internal/plugin-nt-infra-common';
import { NtInfraPermissionPolicy } from './NtInfraPermissionPolicy';
import { readRoleBindings } from './roles';

const config = new ConfigReader({
  permission: {
    defaultRole: 'viewer',
    roles: {
      engineer: ['group:default/sre'],
      approver: ['group:default/sre-approvers'],
      admin: ['group:default/platform-admins', 'user:default/root'],
    },
  },
});

const users: Record<string, string[]> = {
  viewer: ['user:default/vera'],
  engineer: ['user:default/alice', 'group:default/sre'],
  approver: [
    'user:default/bob',
    'group:default/sre',
    'group:default/sre-approvers',
  ],
  admin: ['user:default/carol', 'group:default/platform-admins'],
};

async function decide(
  ownershipEntityRefs: string[] | undefined,
  permission: Permission,
  bindingsConfig = config,
) {
  return (await decision(ownershipEntityRefs, permission, bindingsConfig))
    .result;
}

async function decision(
  ownershipEntityRefs: string[] | undefined,
  permission: Permission,
  bindingsConfig = config,
) {
  const policy = new NtInfraPermissionPolicy(
    readRoleBindings(bindingsConfig),
    mockServices.userInfo({ ownershipEntityRefs }),
  );
  return policy.handle(
    { permission },
    ownershipEntityRefs
      ? {
          credentials: mockCredentials.user(ownershipEntityRefs[0]),
          info: {
            userEntityRef: ownershipEntityRefs[0],
            ownershipEntityRefs,
          },
        }
      : undefined,
  );
}

// Expected least role of every nt-infra permission: the policy's contract.
const leastRole: Record<string, string> = {
  'nt-infra.region.read': 'viewer',
  'nt-infra.traffic.read': 'viewer',
  'nt-infra.run.read': 'viewer',
  'nt-infra.experiment.read': 'viewer',
  'nt-infra.audit.read': 'viewer',
  'nt-infra.chaos.run': 'engineer',
  'nt-infra.failover.run': 'engineer',
  'nt-infra.gameday.run': 'engineer',
  'nt-infra.gitops.create': 'engineer',
  'nt-infra.chaos.approve': 'approver',
  'nt-infra.gitops.approve': 'approver',
  'nt-infra.halt': 'approver',
};
const order = ['viewer', 'engineer', 'approver', 'admin'];

describe('NtInfraPermissionPolicy', () => {
  it('covers every permission the plugin defines', () => {
    expect(ntInfraPermissions.map(p => p.name).sort()).toEqual(
      Object.keys(leastRole).sort(),
    );
  });

  const matrix = ntInfraPermissions.flatMap(permission =>
    order.map(role => ({ permission, role })),
  );
  it.each(matrix)('$role on $permission.name', async ({ permission, role }) => {
    const expected =
      order.indexOf(role) >= order.indexOf(leastRole[permission.name])
        ? AuthorizeResult.ALLOW
        : AuthorizeResult.DENY;
    expect(await decide(users[role], permission)).toBe(expected);
  });

  it('denies everything to a request without a user', async () => {
    for (const permission of ntInfraPermissions) {
      expect(await decide(undefined, permission)).toBe(AuthorizeResult.DENY);
    }
  });

  it('denies everything to unbound users when no default role is set', async () => {
    const strict = new ConfigReader({
      permission: { roles: { admin: ['group:default/platform-admins'] } },
    });
    const read = ntInfraPermissions.find(
      p => p.name === 'nt-infra.region.read',
    )!;
    expect(await decide(users.viewer, read, strict)).toBe(AuthorizeResult.DENY);
    expect(await decide(users.admin, read, strict)).toBe(AuthorizeResult.ALLOW);
  });

  it('matches entity refs case-insensitively, as the catalog does', async () => {
    const halt = ntInfraPermissions.find(p => p.name === 'nt-infra.halt')!;
    expect(await decide(['User:default/Root'], halt)).toBe(
      AuthorizeResult.ALLOW,
    );
  });

  it('denies a permission it does not know, to everyone, whatever its action', async () => {
    for (const attributes of [{}, { action: 'read' as const }]) {
      const unknown = createPermission({ name: 'other.thing', attributes });
      for (const role of order) {
        expect(await decide(users[role], unknown)).toBe(AuthorizeResult.DENY);
      }
    }
  });

  it('keeps the Kubernetes proxy and catalog writes to admins', async () => {
    const adminOnly = [
      kubernetesProxyPermission,
      catalogLocationCreatePermission,
      catalogEntityCreatePermission,
      catalogLocationAnalyzePermission,
    ];
    for (const permission of adminOnly) {
      for (const role of ['viewer', 'engineer', 'approver']) {
        expect(await decide(users[role], permission)).toBe(
          AuthorizeResult.DENY,
        );
      }
      expect(await decide(users.admin, permission)).toBe(AuthorizeResult.ALLOW);
    }
    expect(await decide(users.viewer, catalogEntityReadPermission)).toBe(
      AuthorizeResult.ALLOW,
    );
    expect(await decide(users.viewer, kubernetesResourcesReadPermission)).toBe(
      AuthorizeResult.ALLOW,
    );
  });

  it('lets viewers read Software Templates and engineers run them', async () => {
    const least = [
      [templateParameterReadPermission, 'viewer'],
      [templateStepReadPermission, 'viewer'],
      [taskCreatePermission, 'engineer'],
      [actionExecutePermission, 'engineer'],
      [templateManagementPermission, 'admin'],
    ] as const;
    for (const [permission, role] of least) {
      for (const caller of order) {
        const want =
          order.indexOf(caller) >= order.indexOf(role)
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY;
        expect([
          permission.name,
          caller,
          await decide(users[caller], permission),
        ]).toEqual([permission.name, caller, want]);
      }
      expect(await decide(undefined, permission)).toBe(AuthorizeResult.DENY);
    }
  });

  it("lets engineers and approvers read and cancel only their own scaffolder tasks, admins everyone's", async () => {
    for (const permission of [taskReadPermission, taskCancelPermission]) {
      for (const caller of ['engineer', 'approver'] as const) {
        expect(await decision(users[caller], permission)).toEqual({
          result: AuthorizeResult.CONDITIONAL,
          pluginId: 'scaffolder',
          resourceType: 'scaffolder-task',
          conditions: {
            rule: 'IS_TASK_OWNER',
            resourceType: 'scaffolder-task',
            params: { createdBy: [users[caller][0]] },
          },
        });
      }
      expect(await decide(users.admin, permission)).toBe(AuthorizeResult.ALLOW);
      expect(await decide(users.viewer, permission)).toBe(AuthorizeResult.DENY);
      expect(await decide(undefined, permission)).toBe(AuthorizeResult.DENY);
    }
  });

  it('refuses an unknown role name in config', () => {
    expect(() =>
      readRoleBindings(
        new ConfigReader({ permission: { roles: { superuser: ['x'] } } }),
      ),
    ).toThrow(/superuser/);
  });
});
