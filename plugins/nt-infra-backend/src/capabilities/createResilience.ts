import { CatalogService } from '@backstage/plugin-catalog-node';
import { RunStore } from '../database/RunStore';
import { resilienceRoutes } from '../routes/resilienceRoutes';
import { EnvironmentCatalog } from '../services/EnvironmentCatalog';
import { FailoverSettings } from '../services/failoverRuns';
import { ResilienceService } from '../services/resilience';

/** The resilience score: its service (for the actions) and its route. */
export function createResilience(options: {
  catalog: CatalogService;
  runs: RunStore;
  environments: EnvironmentCatalog;
  failover: Pick<FailoverSettings, 'rtoSeconds' | 'rpoSeconds'>;
}) {
  const service = new ResilienceService({
    catalog: options.catalog,
    runs: options.runs,
    environments: () => options.environments.list(),
    // Tests that stored no targets are judged against the configured ones.
    targets: {
      rtoSeconds: options.failover.rtoSeconds,
      rpoSeconds: options.failover.rpoSeconds,
    },
  });
  return { service, ...resilienceRoutes(service) };
}
