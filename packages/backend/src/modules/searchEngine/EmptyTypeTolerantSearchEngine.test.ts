import { mockServices } from '@backstage/backend-test-utils';
import {
  LunrSearchEngine,
  SearchEngine,
} from '@backstage/plugin-search-backend-node';
import { EmptyTypeTolerantSearchEngine } from './EmptyTypeTolerantSearchEngine';

async function index(engine: SearchEngine, type: string, titles: string[]) {
  const indexer = await engine.getIndexer(type);
  await new Promise<void>((resolve, reject) => {
    indexer.on('close', resolve);
    indexer.on('error', reject);
    for (const title of titles) {
      indexer.write({ title, text: title, location: `/${type}/${title}` });
    }
    indexer.end();
  });
}

describe('EmptyTypeTolerantSearchEngine', () => {
  const lunr = () =>
    new LunrSearchEngine({ logger: mockServices.logger.mock() });

  it('answers a type that has no index with an empty result', async () => {
    const engine = new EmptyTypeTolerantSearchEngine(lunr());
    // Lunr builds no index from zero documents: the collator ran, found
    // nothing, and the type stays without an index.
    await index(engine, 'nt-infra-run', []);
    await index(engine, 'nt-infra-experiment', ['pod-failure']);

    await expect(
      engine.query({ term: 'pod', types: ['nt-infra-run'] }),
    ).resolves.toEqual({ results: [], numberOfResults: 0 });
    // The bare engine fails the same query: what this class is for.
    const bare = lunr();
    await index(bare, 'nt-infra-experiment', ['pod-failure']);
    await expect(
      bare.query({ term: 'pod', types: ['nt-infra-run'] }),
    ).rejects.toThrow(/Missing index for nt-infra-run/);
  });

  it('leaves every other answer to the engine it wraps', async () => {
    const engine = new EmptyTypeTolerantSearchEngine(lunr());
    await index(engine, 'nt-infra-experiment', ['pod-failure', 'net-delay']);

    const found = await engine.query({
      term: 'pod',
      types: ['nt-infra-experiment', 'nt-infra-run'],
    });
    expect(found.results.map(r => r.document.location)).toEqual([
      '/nt-infra-experiment/pod-failure',
    ]);
    expect(
      (await engine.query({ term: 'pod' })).results.map(r => r.type),
    ).toEqual(['nt-infra-experiment']);
  });

  it('still fails when the engine fails for any other reason', async () => {
    const broken: SearchEngine = {
      setTranslator: () => {},
      getIndexer: () => Promise.reject(new Error('not used')),
      query: () => Promise.reject(new Error('index store unreachable')),
    };
    await expect(
      new EmptyTypeTolerantSearchEngine(broken).query({
        term: 'pod',
        types: ['nt-infra-run'],
      }),
    ).rejects.toThrow('index store unreachable');
  });
});
