import { Config } from '@backstage/config';

/** A user offered by the development sign-in (auth.providers.sandbox-users). */
export type SandboxUser = { user: string; description?: string };

export function readSandboxUsers(config: Config): SandboxUser[] {
  return (
    config
      .getOptionalConfigArray('auth.providers.sandbox-users.users')
      ?.map(entry => ({
        user: entry.getString('user'),
        description: entry.getOptionalString('description'),
      })) ?? []
  );
}
