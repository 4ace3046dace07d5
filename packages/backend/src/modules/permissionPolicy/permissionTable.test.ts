import { catalogPermissions } from '@backstage/plugin-catalog-common/alpha';
import { kubernetesPermissions } from '@backstage/plugin-kubernetes-common';
import { scaffolderPermissions } from '@backstage/plugin-scaffolder-common/alpha';
import { ntInfraPermissions } from '@internal/plugin-nt-infra-common';
import { PERMISSION_TABLE } from './permissionTable';

describe('PERMISSION_TABLE', () => {
  // The permissions the installed plugins export, read from their packages:
  // an upgrade that adds one fails here until the table decides it.
  // (Notifications, signals, user settings, events and auth register none;
  // the permission matrix reads every plugin's registered permissions from a
  // running backend as well.)
  const installed = [
    ...catalogPermissions,
    ...kubernetesPermissions,
    ...scaffolderPermissions,
    ...ntInfraPermissions,
  ].map(p => p.name);

  it('decides every permission the installed plugins export, and no other', () => {
    expect(Object.keys(PERMISSION_TABLE).sort()).toEqual(
      [...new Set(installed)].sort(),
    );
  });
});
