import { startTestSandbox, TestSandbox, waitFor } from '../testing/testSandbox';

jest.setTimeout(120_000);

async function budgetLeft(sandbox: TestSandbox, region: string) {
  const res = await fetch(
    `${sandbox.endpoints.prometheus}/api/v1/query?query=${encodeURIComponent(
      `ntai:slo_burn_rate:3d{region="${region}"}`,
    )}`,
  );
  const body = (await res.json()) as any;
  // The portal's budget left: 1 − the burn rate over the budget window.
  return 1 - Number(body.data.result[0].value[1]);
}

describe('error budget over a full SLO window', () => {
  let sandbox: TestSandbox;
  afterAll(() => sandbox?.stop());

  it('a new world holds three days of steady traffic, so a minute-long regional outage costs its share of three days (about 16%), not of the minutes since start', async () => {
    sandbox = await startTestSandbox({
      speed: 20,
      budgetHistoryHours: 72,
      clients: 0,
    });
    const region = 'staging-eastus';
    const before = await budgetLeft(sandbox, region);
    // The 0.02% background error ratio spends a fifth of the 0.1% budget.
    expect(before).toBeGreaterThan(0.7);
    expect(before).toBeLessThan(0.9);

    // A minute (world time) of the whole region failing: about 60 s of the 259,200 s
    // window at the full error ratio, i.e. 60 / (259,200 × 0.001) ≈ 23% of the budget
    // for the requests that reach the region. With clients 0 the users' share moves away
    // over the DNS switch and TTL, so the region's own requests fail for less than that.
    const downAt = await sandbox.worldNow();
    await sandbox.control(`/regions/${region}/down`, { method: 'POST' });
    await waitFor(
      async () => (await sandbox.worldNow()) - downAt >= 60_000,
      30_000,
    );
    await sandbox.control(`/regions/${region}/up`, { method: 'POST' });
    const upAt = await sandbox.worldNow();
    // The next rule evaluation after the recovery.
    await waitFor(
      async () => (await sandbox.worldNow()) - upAt >= 60_000,
      30_000,
    );
    const after = await budgetLeft(sandbox, region);
    const cost = before - after;
    expect(cost).toBeGreaterThan(0.05);
    expect(cost).toBeLessThan(0.3);
  });
});
