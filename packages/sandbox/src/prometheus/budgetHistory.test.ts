import { startTestSandbox, TestSandbox, waitFor } from '../testing/testSandbox';

jest.setTimeout(120_000);

async function budgetLeft(sandbox: TestSandbox, region: string) {
  const res = await fetch(
    `${sandbox.endpoints.prometheus}/api/v1/query?query=${encodeURIComponent(
      `ntai:slo_burn_rate:30d{region="${region}"}`,
    )}`,
  );
  const body = (await res.json()) as any;
  // The portal's budget left: 1 − the burn rate over the budget window.
  return 1 - Number(body.data.result[0].value[1]);
}

describe('error budget over the SLO window', () => {
  let sandbox: TestSandbox;
  afterAll(() => sandbox?.stop());

  it('a new world has a full 30-day window of steady traffic, so a minute-long regional outage costs a few percent of the budget, not the minutes since start', async () => {
    sandbox = await startTestSandbox({
      speed: 20,
      budgetHistoryHours: 2,
      clients: 0,
    });
    const region = 'staging-eastus';
    const before = await budgetLeft(sandbox, region);
    // The 0.02% background error ratio spends a fifth of the 0.1% budget.
    expect(before).toBeGreaterThan(0.7);
    expect(before).toBeLessThan(0.9);

    // A minute (world time) of the whole region failing: at most 60 s of the 2,592,000 s
    // window at the full error ratio, i.e. 60 / (2,592,000 × 0.001) ≈ 2.3% of the budget.
    // With clients 0 the users' share moves away over the DNS switch and TTL, so the
    // region's own requests fail for less than that, never for more.
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
    expect(cost).toBeGreaterThan(0.005);
    expect(cost).toBeLessThan(0.03);
  });
});
