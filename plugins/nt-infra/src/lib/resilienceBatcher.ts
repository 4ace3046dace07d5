import {
  MAX_RESILIENCE_ENTITIES,
  ResilienceScore,
} from '@internal/plugin-nt-infra-common';
import { NtInfraApi } from '../api';

/** Scores change when runs end; a table glanced at reuses them this long. */
export const RESILIENCE_CACHE_MS = 60_000;

interface Waiting {
  resolve: (score: ResilienceScore | undefined) => void;
  reject: (error: Error) => void;
}

/**
 * Collects the entities a catalog table's cells ask for while a page renders
 * and fetches them in one request (per 100 entities) instead of one per row.
 * Answers are kept for a minute, so paging back and forth costs nothing.
 */
export class ResilienceBatcher {
  private readonly waiting = new Map<string, Waiting[]>();
  private readonly cache = new Map<
    string,
    { at: number; score: Promise<ResilienceScore | undefined> }
  >();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly api: Pick<NtInfraApi, 'getResilienceScores'>,
    private readonly now: () => number = Date.now,
  ) {}

  /** The entity's score, or undefined when the catalog does not show it. */
  load(entityRef: string): Promise<ResilienceScore | undefined> {
    const ref = entityRef.toLocaleLowerCase('en-US');
    const cached = this.cache.get(ref);
    if (cached && this.now() - cached.at < RESILIENCE_CACHE_MS) {
      return cached.score;
    }
    const score = new Promise<ResilienceScore | undefined>(
      (resolve, reject) => {
        const list = this.waiting.get(ref) ?? [];
        list.push({ resolve, reject });
        this.waiting.set(ref, list);
      },
    );
    this.cache.set(ref, { at: this.now(), score });
    // Every cell of a page renders in the same task: flush after it.
    this.timer ??= setTimeout(() => this.flush(), 0);
    return score;
  }

  private flush() {
    this.timer = undefined;
    const batch = new Map(this.waiting);
    this.waiting.clear();
    const refs = [...batch.keys()];
    for (let i = 0; i < refs.length; i += MAX_RESILIENCE_ENTITIES) {
      const chunk = refs.slice(i, i + MAX_RESILIENCE_ENTITIES);
      this.api.getResilienceScores(chunk, { weeks: 1 }).then(
        response => {
          const byRef = new Map(
            response.items.map(s => [
              s.entityRef.toLocaleLowerCase('en-US'),
              s,
            ]),
          );
          for (const ref of chunk) {
            for (const w of batch.get(ref) ?? []) w.resolve(byRef.get(ref));
          }
        },
        (error: Error) => {
          for (const ref of chunk) {
            // A failure is not cached: the next render asks again.
            this.cache.delete(ref);
            for (const w of batch.get(ref) ?? []) w.reject(error);
          }
        },
      );
    }
  }
}

const batchers = new WeakMap<object, ResilienceBatcher>();

/** One batcher per API instance, shared by every cell of the app. */
export function resilienceBatcherFor(
  api: Pick<NtInfraApi, 'getResilienceScores'>,
): ResilienceBatcher {
  let batcher = batchers.get(api);
  if (!batcher) {
    batcher = new ResilienceBatcher(api);
    batchers.set(api, batcher);
  }
  return batcher;
}
