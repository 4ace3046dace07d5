import { startTestSandbox, TestSandbox } from '../testing/testSandbox';

describe('GET /requests', () => {
  let sandbox: TestSandbox;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });

  afterAll(async () => {
    await sandbox?.stop();
  });

  it('counts the requests each upstream served, by the name the portal knows it by', async () => {
    const before = await sandbox.control('/requests');
    await fetch(`${sandbox.endpoints.prometheus}/api/v1/query?query=up`);
    await fetch(`${sandbox.endpoints.prometheus}/api/v1/query?query=up`);
    await fetch(`${sandbox.endpoints.regions.eastus.app}/healthz`);
    const after = await sandbox.control('/requests');

    expect(after.prometheus - before.prometheus).toBe(2);
    expect(after.apps.eastus - before.apps.eastus).toBeGreaterThanOrEqual(1);
    expect(after.kubernetes).toBe(before.kubernetes);
    expect(Object.keys(after.clusters)).toEqual(
      expect.arrayContaining([
        'aks-ntai-production-eastus',
        'aks-ntai-production-westus',
      ]),
    );
    expect(after.total).toBe(after.arm + after.kubernetes + after.prometheus);
  });
});
