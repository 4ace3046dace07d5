import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_REGIONS,
  ANNOTATION_TRAFFIC_MANAGER_PROFILE,
  EnvironmentConfig,
  EnvironmentName,
  readWorkloadAnnotations,
  ResilienceScore,
  ResilienceScoresResponse,
  Run,
  RunKind,
  runHitsWorkload,
} from '@internal/plugin-nt-infra-common';
import { RunFilter, RunStore } from '../../database/RunStore';
import {
  computeResilienceScore,
  RecoveryTargets,
  resilienceTrend,
  WINDOW_DAYS,
} from './resilienceScore';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Entity refs compare case-insensitively, as the catalog compares them. */
const refKey = (ref: string) => ref.toLocaleLowerCase('en-US');
const PAGE = 500;
/**
 * Runs are stored by when they were requested and scored by when they ended;
 * a run ending in the window was requested at most this long before it (a
 * production run waits for its window, which is bounded well below this).
 */
const REQUESTED_BEFORE_END_DAYS = 30;

/**
 * The environments an entity's nt-infra annotations point at: the one behind
 * its Traffic Manager profile, narrowed to those holding a named region (the
 * Regions and Chaos cards read them the same way). None without either
 * annotation: failover tests are then not the entity's.
 */
export function entityEnvironments(
  entity: Entity,
  environments: EnvironmentConfig[],
): EnvironmentName[] {
  const annotations = entity.metadata.annotations ?? {};
  const profile = annotations[ANNOTATION_TRAFFIC_MANAGER_PROFILE]?.trim();
  const regions = (annotations[ANNOTATION_REGIONS] ?? '')
    .split(',')
    .map(r => r.trim())
    .filter(Boolean);
  if (!profile && regions.length === 0) return [];
  return environments
    .filter(e => !profile || e.trafficManager.profileName === profile)
    .filter(
      e =>
        regions.length === 0 || e.regions.some(r => regions.includes(r.name)),
    )
    .map(e => e.name);
}

/** Scores entities from the run history; the catalog says which runs are theirs. */
export class ResilienceService {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      runs: RunStore;
      environments: () => EnvironmentConfig[];
      targets: RecoveryTargets;
      now?: () => Date;
    },
  ) {}

  async scores(
    entityRefs: string[],
    weeks: number,
    credentials: BackstageCredentials,
  ): Promise<ResilienceScoresResponse> {
    const wanted = [...new Set(entityRefs.map(refKey))];
    // With the caller's credentials: an entity they may not see is not found.
    const { items } = await this.options.catalog.getEntitiesByRefs(
      {
        entityRefs: wanted,
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.annotations',
        ],
      },
      { credentials },
    );
    const asOf = (this.options.now ?? (() => new Date()))();
    const since = new Date(
      asOf.getTime() -
        ((weeks - 1) * 7 + WINDOW_DAYS + REQUESTED_BEFORE_END_DAYS) * DAY_MS,
    ).toISOString();
    const found = items.filter((e): e is Entity => Boolean(e));
    // One read of the history per request, however many entities.
    const [chaos, failover] = await Promise.all([
      found.length ? this.allRuns({ kind: 'chaos', from: since }) : [],
      found.length ? this.allRuns({ kind: 'failover', from: since }) : [],
    ]);
    const environments = this.options.environments();
    const scored: ResilienceScore[] = found.map(entity => {
      const entityRef = stringifyEntityRef(entity);
      const workload = readWorkloadAnnotations(
        entity.metadata.annotations ?? {},
      );
      const envs = entityEnvironments(entity, environments);
      const input = {
        chaosRuns: chaos.filter(
          run =>
            (run.entityRef !== undefined &&
              refKey(run.entityRef) === refKey(entityRef)) ||
            (workload !== undefined && runHitsWorkload(run, workload)),
        ),
        failoverRuns: failover.filter(run => envs.includes(run.environment)),
        targets: this.options.targets,
      };
      const { score, reasons } = computeResilienceScore(input, asOf);
      return {
        entityRef,
        score,
        asOf: asOf.toISOString(),
        windowDays: WINDOW_DAYS,
        reasons,
        trend: resilienceTrend(input, asOf, weeks),
      };
    });
    const foundRefs = new Set(scored.map(s => refKey(s.entityRef)));
    return {
      items: scored,
      notFound: wanted.filter(ref => !foundRefs.has(ref)),
    };
  }

  private async allRuns(filter: RunFilter & { kind: RunKind }): Promise<Run[]> {
    const all: Run[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.options.runs.listRuns(filter, {
        limit: PAGE,
        cursor,
      });
      all.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return all;
  }
}
