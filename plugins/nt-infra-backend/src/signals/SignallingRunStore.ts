import {
  ntInfraSignalChannels,
  Run,
  RunDetail,
  RunSignal,
  RunState,
} from '@internal/plugin-nt-infra-common';
import {
  IdempotencyKey,
  NewRun,
  RunFilter,
  RunStore,
  StepUpdate,
  TransitionRequest,
} from '../database/RunStore';
import { SignalPublisher } from './SignalPublisher';

/**
 * The run store every run kind persists through, publishing each creation,
 * transition and step change once it is committed. Wrapping the store (not
 * each handler) is what makes every kind, and every writer (reconciler,
 * stop and abort routes, halt-all), covered by construction.
 */
export class SignallingRunStore implements RunStore {
  constructor(
    private readonly store: RunStore,
    private readonly publisher: SignalPublisher,
  ) {}

  async createRun(
    run: NewRun,
    idempotency?: IdempotencyKey,
    at?: Date,
  ): Promise<{ run: Run; created: boolean }> {
    const result = await this.store.createRun(run, idempotency, at);
    if (result.created) this.publishRun(result.run, 'created');
    return result;
  }

  async transition(
    id: string,
    change: TransitionRequest,
    at?: Date,
  ): Promise<Run> {
    const run = await this.store.transition(id, change, at);
    this.publishRun(run, 'transition');
    return run;
  }

  async upsertStep(runId: string, step: StepUpdate): Promise<void> {
    await this.store.upsertStep(runId, step);
    this.publishProgress(runId);
  }

  async appendStepNote(
    runId: string,
    seq: number,
    line: string,
  ): Promise<boolean> {
    const appended = await this.store.appendStepNote(runId, seq, line);
    if (appended) this.publishProgress(runId);
    return appended;
  }

  getRun(id: string): Promise<RunDetail | undefined> {
    return this.store.getRun(id);
  }

  listRuns(
    filter: RunFilter,
    page: { limit: number; cursor?: string },
  ): Promise<{ items: Run[]; nextCursor?: string }> {
    return this.store.listRuns(filter, page);
  }

  async updateOutcome(
    id: string,
    patch: Record<string, unknown>,
  ): Promise<void> {
    await this.store.updateOutcome(id, patch);
    this.publishProgress(id);
  }

  claimRuns(options: {
    owner: string;
    states: RunState[];
    now: Date;
    leaseMs: number;
    limit: number;
  }): Promise<string[]> {
    return this.store.claimRuns(options);
  }

  releaseLeases(owner: string): Promise<void> {
    return this.store.releaseLeases(owner);
  }

  runIdsInStates(states: RunState[]): Promise<string[]> {
    return this.store.runIdsInStates(states);
  }

  private publishRun(run: Run, change: RunSignal['change']) {
    this.publisher.publish(
      [ntInfraSignalChannels.runs, ntInfraSignalChannels.run(run.id)],
      {
        type: 'run',
        id: run.id,
        kind: run.kind,
        state: run.state,
        change,
        at: new Date().toISOString(),
      },
    );
  }

  /** Steps, notes and measurements change only the run's own page, not the lists. */
  private publishProgress(runId: string) {
    this.publisher.publish([ntInfraSignalChannels.run(runId)], {
      type: 'run',
      id: runId,
      change: 'progress',
      at: new Date().toISOString(),
    });
  }
}
