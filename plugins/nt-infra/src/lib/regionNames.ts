import { EnvironmentHealth } from '@internal/plugin-nt-infra-common';

/**
 * A region's display name ("East US") as the environment's configuration
 * gives it, or its Azure name ("eastus") when the environments are not loaded
 * or no longer list it (a past test of a region since removed still reads).
 */
export function regionDisplayName(
  environments: EnvironmentHealth[] | undefined,
  environment: string,
  region: string,
): string {
  return (
    environments
      ?.find(e => e.name === environment)
      ?.regions.find(r => r.name === region)?.displayName ?? region
  );
}
