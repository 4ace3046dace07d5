import { createApiRef } from '@backstage/core-plugin-api';
import {
  BudgetCostEstimate,
  ChangeDelivery,
  ChangePreview,
  ChangeRequest,
  ChangeRequestInput,
  ChangeRequestState,
  ChaosRunPreview,
  ChaosRunRequest,
  ChaosWindow,
  ChaosWindowRequest,
  ChaosWindowsResponse,
  DeliverySummary,
  EnvironmentName,
  ExperimentsResponse,
  FailoverTestRequest,
  FailoverTestView,
  GameDayNote,
  GameDayReport,
  GameDayRequest,
  GameDayScenariosResponse,
  HaltState,
  RegionsResponse,
  ResilienceScoresResponse,
  Run,
  RunDetail,
  RunKind,
  RunsResponse,
  RunState,
  SliSeriesResponse,
  TrafficResponse,
  WindowState,
} from '@internal/plugin-nt-infra-common';

/** Filters and page of `GET /runs`; every filter is optional. @public */
export interface RunsQuery {
  kind?: RunKind;
  environment?: EnvironmentName;
  region?: string;
  entityRef?: string;
  state?: RunState[];
  /** ISO 8601 bounds on the run's creation time. */
  from?: string;
  to?: string;
  limit?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string;
}

/** Filters and page of `GET /windows`. @public */
export interface WindowsQuery {
  environment?: EnvironmentName;
  state?: WindowState[];
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string;
}

/** Filter and page of `GET /gitops/changes`. @public */
export interface ChangesQuery {
  state?: ChangeRequestState;
  limit?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string;
}

/** A page of change requests, newest first. @public */
export interface ChangesResponse {
  items: ChangeRequest[];
  /** Pass back as `cursor` for the next (older) page; absent on the last page. */
  nextCursor?: string;
}

/**
 * What engaging halt-all did. The common package types only the switch; the
 * sweep report is this endpoint's alone, so it is typed here.
 * @public
 */
export interface HaltResult extends HaltState {
  removed?: Array<{
    cluster: string;
    kind: string;
    namespace: string;
    name: string;
  }>;
  failed?: Array<{ cluster: string; error: string }>;
}

/** The nt-infra backend, as the frontend sees it. @public */
export interface NtInfraApi {
  /** Every environment's regions with their verdict and live state. */
  getRegions(options?: {
    environment?: EnvironmentName;
  }): Promise<RegionsResponse>;

  /** Every environment's Traffic Manager profile, DNS answer and serving region. */
  getTraffic(): Promise<TrafficResponse>;

  /** A region's SLI time series over the last `minutes` minutes. */
  getSliSeries(
    environment: EnvironmentName,
    region: string,
    minutes: number,
  ): Promise<SliSeriesResponse>;

  /** The chaos-experiment library with its validation problems. */
  getExperiments(): Promise<ExperimentsResponse>;

  /** The exact pods a chaos run would hit and the policy's verdict. */
  previewChaosRun(request: ChaosRunRequest): Promise<ChaosRunPreview>;

  /**
   * Starts a chaos run. The same `idempotencyKey` returns the same run, so a
   * retry after a lost response never starts a second fault.
   */
  startChaosRun(request: ChaosRunRequest, idempotencyKey: string): Promise<Run>;

  /** Runs, newest first, one page at a time. */
  getRuns(query?: RunsQuery): Promise<RunsResponse>;

  /** A run with its transitions and steps. */
  getRun(id: string): Promise<RunDetail>;

  /** Asks the backend to stop a run; it removes the fault and records why. */
  stopRun(id: string, reason: string): Promise<Run>;

  getHalt(): Promise<HaltState>;
  /** Blocks new runs, stops active ones and removes every portal fault. */
  engageHalt(reason: string): Promise<HaltResult>;
  releaseHalt(reason: string): Promise<HaltState>;

  /** Requests a production chaos window; someone else must approve it. */
  requestWindow(request: ChaosWindowRequest): Promise<ChaosWindow>;
  getWindows(query?: WindowsQuery): Promise<ChaosWindowsResponse>;
  approveWindow(id: string, comment: string): Promise<ChaosWindow>;
  rejectWindow(id: string, comment: string): Promise<ChaosWindow>;
  cancelWindow(id: string, reason?: string): Promise<ChaosWindow>;

  /** What the failover test is expected to cost in error budget, before it starts. */
  previewFailoverTest(
    request: FailoverTestRequest,
  ): Promise<BudgetCostEstimate>;
  /** Starts a failover test; the same key returns the same test. */
  startFailoverTest(
    request: FailoverTestRequest,
    idempotencyKey: string,
  ): Promise<FailoverTestView>;
  /** A failover test with its live (or final) measurements. */
  getFailoverTest(id: string): Promise<FailoverTestView>;
  /** Gives the primary back at once and ends the test. */
  abortFailoverTest(id: string, reason?: string): Promise<FailoverTestView>;

  /** The GameDay scenario library with its validation problems. */
  getGameDayScenarios(): Promise<GameDayScenariosResponse>;
  /** What the GameDay is expected to cost in error budget, before it starts. */
  previewGameDay(request: GameDayRequest): Promise<BudgetCostEstimate>;
  startGameDay(request: GameDayRequest, idempotencyKey: string): Promise<Run>;
  abortGameDay(id: string, reason: string): Promise<Run>;
  /** Appends a note to the step under way. */
  addGameDayNote(id: string, text: string): Promise<GameDayNote>;
  getGameDayReport(id: string): Promise<GameDayReport>;
  /** The same report as the Markdown document people file. */
  getGameDayReportMarkdown(id: string): Promise<string>;

  /** The diff and check results of a change; nothing is written. */
  previewChange(input: ChangeRequestInput): Promise<ChangePreview>;
  createChange(
    input: ChangeRequestInput,
    idempotencyKey: string,
  ): Promise<ChangeRequest>;
  getChanges(query?: ChangesQuery): Promise<ChangesResponse>;
  getChange(id: string): Promise<ChangeRequest>;
  approveChange(id: string, comment: string): Promise<ChangeRequest>;
  mergeChange(id: string): Promise<ChangeRequest>;
  closeChange(id: string, comment: string): Promise<ChangeRequest>;
  /** Where a merged change stands on each environment × region. */
  getChangeDelivery(id: string): Promise<ChangeDelivery>;
  /** What each environment × region runs, against the head of main. */
  getDeliverySummary(options?: {
    environment?: EnvironmentName;
  }): Promise<DeliverySummary>;

  /**
   * Resilience scores of catalog entities with their reasons and weekly
   * trend: one request for many entities (a catalog table page).
   */
  getResilienceScores(
    entityRefs: string[],
    options?: { weeks?: number },
  ): Promise<ResilienceScoresResponse>;
}

/** @public */
export const ntInfraApiRef = createApiRef<NtInfraApi>({
  id: 'plugin.nt-infra.service',
});
