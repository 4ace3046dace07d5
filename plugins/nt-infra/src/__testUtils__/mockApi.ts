import { NtInfraApi } from '../api';

/**
 * A `jest.Mocked<NtInfraApi>` whose every method is a bare `jest.fn()`, so a
 * test states only the calls it is about and a new API method does not mean
 * editing every test.
 */
export function mockNtInfraApi(
  overrides: Partial<jest.Mocked<NtInfraApi>> = {},
): jest.Mocked<NtInfraApi> {
  return {
    getRegions: jest.fn(),
    getTraffic: jest.fn(),
    getSliSeries: jest.fn(),
    getExperiments: jest.fn(),
    previewChaosRun: jest.fn(),
    startChaosRun: jest.fn(),
    getRuns: jest.fn(),
    getRun: jest.fn(),
    stopRun: jest.fn(),
    getHalt: jest.fn(),
    engageHalt: jest.fn(),
    releaseHalt: jest.fn(),
    requestWindow: jest.fn(),
    getWindows: jest.fn(),
    approveWindow: jest.fn(),
    rejectWindow: jest.fn(),
    cancelWindow: jest.fn(),
    previewFailoverTest: jest.fn(),
    startFailoverTest: jest.fn(),
    getFailoverTest: jest.fn(),
    abortFailoverTest: jest.fn(),
    getGameDayScenarios: jest.fn(),
    previewGameDay: jest.fn(),
    startGameDay: jest.fn(),
    abortGameDay: jest.fn(),
    addGameDayNote: jest.fn(),
    getGameDayReport: jest.fn(),
    getGameDayReportMarkdown: jest.fn(),
    previewChange: jest.fn(),
    createChange: jest.fn(),
    getChanges: jest.fn(),
    getChange: jest.fn(),
    approveChange: jest.fn(),
    mergeChange: jest.fn(),
    closeChange: jest.fn(),
    getChangeDelivery: jest.fn(),
    getDeliverySummary: jest.fn(),
    getResilienceScores: jest.fn(),
    ...overrides,
  };
}
