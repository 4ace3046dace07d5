import { ResilienceScore } from '@internal/plugin-nt-infra-common';
import { RESILIENCE_CACHE_MS, ResilienceBatcher } from './resilienceBatcher';

function score(entityRef: string, value: number): ResilienceScore {
  return {
    entityRef,
    score: value,
    asOf: '2026-12-01T00:00:00.000Z',
    windowDays: 30,
    reasons: [],
    trend: [],
  };
}

function fakeApi() {
  return {
    getResilienceScores: jest.fn(async (refs: string[]) => ({
      items: refs
        .filter(r => !r.endsWith('/gone'))
        .map((r, i) => score(r, 10 * (i + 1))),
      notFound: refs.filter(r => r.endsWith('/gone')),
    })),
  };
}

describe('ResilienceBatcher', () => {
  it("asks once for every cell of a page, and answers each cell with its entity's score", async () => {
    const api = fakeApi();
    const batcher = new ResilienceBatcher(api);
    const answers = await Promise.all([
      batcher.load('component:default/a'),
      batcher.load('Component:default/B'),
      batcher.load('component:default/a'),
      batcher.load('component:default/gone'),
    ]);
    expect(api.getResilienceScores).toHaveBeenCalledTimes(1);
    expect(api.getResilienceScores).toHaveBeenCalledWith(
      ['component:default/a', 'component:default/b', 'component:default/gone'],
      { weeks: 1 },
    );
    expect(answers.map(a => a?.score)).toEqual([10, 20, 10, undefined]);
  });

  it('splits more than 100 entities into requests of at most 100', async () => {
    const api = fakeApi();
    const batcher = new ResilienceBatcher(api);
    await Promise.all(
      Array.from({ length: 150 }, (_, i) =>
        batcher.load(`component:default/e${i}`),
      ),
    );
    expect(api.getResilienceScores.mock.calls.map(c => c[0].length)).toEqual([
      100, 50,
    ]);
  });

  it('reuses an answer for a minute, then asks again; a failure is not kept', async () => {
    const api = fakeApi();
    let now = 0;
    const batcher = new ResilienceBatcher(api, () => now);
    await batcher.load('component:default/a');
    now = RESILIENCE_CACHE_MS - 1;
    await batcher.load('component:default/a');
    expect(api.getResilienceScores).toHaveBeenCalledTimes(1);
    now = RESILIENCE_CACHE_MS;
    api.getResilienceScores.mockRejectedValueOnce(new Error('down'));
    await expect(batcher.load('component:default/a')).rejects.toThrow('down');
    await batcher.load('component:default/a');
    expect(api.getResilienceScores).toHaveBeenCalledTimes(3);
  });
});
