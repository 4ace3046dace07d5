import { LoggerService } from '@backstage/backend-plugin-api';
import { AuditStore } from '../../database/AuditStore';
import { HaltState, HaltStore } from '../../database/HaltStore';
import { ClusterProvider } from '../../providers/clusters/ClusterProvider';

/** What one sweep removed, and what it could not (retried by the next sweep). */
export interface SweepReport {
  removed: Array<{
    cluster: string;
    kind: string;
    namespace: string;
    name: string;
  }>;
  failed: Array<{ cluster: string; error: string }>;
}

/**
 * The halt-all switch. Engaging it blocks new runs (the policy reads it),
 * makes the reconciler stop every active run, and removes every Chaos Mesh
 * resource the portal created in every cluster, found by its managed-by
 * label, so even a fault whose run record was lost is removed.
 */
export class HaltService {
  constructor(
    private readonly options: {
      store: HaltStore;
      clusters: ClusterProvider;
      audit: AuditStore;
      logger: LoggerService;
    },
  ) {}

  state(): Promise<HaltState> {
    return this.options.store.get();
  }

  async engage(
    actor: string,
    reason: string,
  ): Promise<HaltState & SweepReport> {
    const state = await this.options.store.set(true, actor, reason);
    const report = await this.sweep();
    await this.options.audit.append({
      actor,
      action: 'halt.engage',
      targetType: 'halt',
      targetId: 'global',
      decision: 'allowed',
      reason,
      details: {
        removed: report.removed.length,
        failed: report.failed.map(f => `${f.cluster}: ${f.error}`),
      },
    });
    return { ...state, ...report };
  }

  async release(actor: string, reason: string): Promise<HaltState> {
    const state = await this.options.store.set(false, actor, reason);
    await this.options.audit.append({
      actor,
      action: 'halt.release',
      targetType: 'halt',
      targetId: 'global',
      decision: 'allowed',
      reason,
    });
    return state;
  }

  /** Removes every portal-created chaos resource in every cluster. */
  async sweep(): Promise<SweepReport> {
    const { clusters, logger } = this.options;
    const report: SweepReport = { removed: [], failed: [] };
    await Promise.all(
      clusters.clusterNames().map(async cluster => {
        try {
          for (const resource of await clusters.listManagedChaos(cluster)) {
            const { namespace, name } = resource.metadata;
            await clusters.deleteChaos(cluster, resource.kind, namespace, name);
            report.removed.push({
              cluster,
              kind: resource.kind,
              namespace,
              name,
            });
          }
        } catch (error) {
          logger.warn(
            `halt-all sweep of ${cluster} failed, will retry: ${error}`,
          );
          report.failed.push({ cluster, error: String(error) });
        }
      }),
    );
    return report;
  }
}
