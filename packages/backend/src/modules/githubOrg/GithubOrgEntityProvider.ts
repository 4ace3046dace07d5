import {
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { orgLocationRef } from './config';
import { GithubClientFactory } from './githubClient';
import { orgEntities } from './orgEntities';
import { readOrganization } from './readOrganization';

export interface GithubOrgEntityProviderOptions {
  org: string;
  host: string;
  client: GithubClientFactory;
  logger: LoggerService;
  taskRunner: SchedulerServiceTaskRunner;
}

/**
 * The organisation's teams and members as `Group` and `User` entities,
 * replaced as a whole (full mutation) on every scheduled read, so someone
 * who leaves the organisation or a team loses the entity or membership, and
 * with it the roles bound to it, at the next read.
 */
export class GithubOrgEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;

  constructor(private readonly options: GithubOrgEntityProviderOptions) {}

  getProviderName(): string {
    return `nt-github-org:${this.options.host}/${this.options.org}`;
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.options.taskRunner.run({
      id: `${this.getProviderName()}:refresh`,
      fn: async () => {
        try {
          await this.refresh();
        } catch (error) {
          // The catalog keeps the last good snapshot; the next run retries.
          this.options.logger.error(
            `Reading GitHub organisation ${this.options.org} failed; users and groups unchanged`,
            error as Error,
          );
        }
      },
    });
  }

  /** Reads the organisation and replaces this provider's entities with it. */
  async refresh(): Promise<{ users: number; groups: number }> {
    if (!this.connection) {
      throw new Error(`${this.getProviderName()} is not connected`);
    }
    const { org, host, logger } = this.options;
    const snapshot = await readOrganization(await this.options.client(), org);
    const locationRef = orgLocationRef(host, org);
    const { users, groups, skipped } = orgEntities(snapshot, org, locationRef);
    for (const reason of skipped) {
      logger.warn(`GitHub organisation ${org}: left out ${reason}`);
    }
    await this.connection.applyMutation({
      type: 'full',
      entities: [...groups, ...users].map(entity => ({
        entity,
        locationKey: this.getProviderName(),
      })),
    });
    logger.info(
      `GitHub organisation ${org}: ${users.length} users, ${groups.length} groups`,
    );
    return { users: users.length, groups: groups.length };
  }
}
