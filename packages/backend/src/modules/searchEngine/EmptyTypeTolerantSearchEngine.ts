import type {
  QueryRequestOptions,
  QueryTranslator,
  SearchEngine,
} from '@backstage/plugin-search-backend-node';
import type {
  IndexableResultSet,
  SearchQuery,
} from '@backstage/plugin-search-common';
import type { Writable } from 'stream';

/**
 * A search engine that answers a query for document types with no index an
 * empty result instead of failing.
 *
 * Backstage's Lunr engine throws `MissingIndexError` when none of the
 * requested types has an index, and the search router turns that into a 500.
 * Lunr builds no index for a type whose collator produced no documents, so
 * this is not a transient start-up state: a fresh install has no runs and
 * would answer every run search with a 500 until the first run ends. The
 * types themselves are already validated by the router (an unregistered type
 * is a 400 naming `types`), so "no index" here only ever means "nothing of
 * that type yet", which is an empty result to the person searching.
 */
export class EmptyTypeTolerantSearchEngine implements SearchEngine {
  constructor(private readonly engine: SearchEngine) {}

  setTranslator(translator: QueryTranslator): void {
    this.engine.setTranslator(translator);
  }

  getIndexer(type: string): Promise<Writable> {
    return this.engine.getIndexer(type);
  }

  async query(
    query: SearchQuery,
    options?: QueryRequestOptions,
  ): Promise<IndexableResultSet> {
    try {
      return await this.engine.query(query, options);
    } catch (error) {
      // By name, as the search router tells it apart: a second copy of
      // search-backend-node would defeat instanceof.
      if ((error as Error | undefined)?.name !== 'MissingIndexError') {
        throw error;
      }
      return { results: [], numberOfResults: 0 };
    }
  }
}
