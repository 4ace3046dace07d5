import { RootConfigService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  EnvironmentConfig,
  EnvironmentName,
} from '@internal/plugin-nt-infra-common';
import { readEnvironments } from './readEnvironments';

/** The configured environments, their Traffic Manager profiles and regions. */
export class EnvironmentCatalog {
  private constructor(private readonly environments: EnvironmentConfig[]) {}

  static fromConfig(config: RootConfigService): EnvironmentCatalog {
    return new EnvironmentCatalog(readEnvironments(config));
  }

  list(): EnvironmentConfig[] {
    return this.environments;
  }

  get(name: EnvironmentName): EnvironmentConfig {
    const environment = this.environments.find(e => e.name === name);
    if (!environment) {
      throw new NotFoundError(`Environment '${name}' is not configured`);
    }
    return environment;
  }

  /**
   * A region's display name ("East US"), or its Azure name ("eastus") when
   * the environment no longer lists it: a past run of a removed region still reads.
   */
  regionDisplayName(environment: string, region: string): string {
    return (
      this.environments
        .find(e => e.name === environment)
        ?.regions.find(r => r.name === region)?.displayName ?? region
    );
  }
}
