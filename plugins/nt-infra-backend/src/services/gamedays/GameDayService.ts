import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { Run, RunDetail } from '@internal/plugin-nt-infra-common';
import { createHash } from 'node:crypto';
import { AuditStore } from '../../database/AuditStore';
import { RunStore } from '../../database/RunStore';
import { RunPolicy } from '../policy';
import {
  buildGameDayReport,
  GameDayReport,
  RegionDisplayName,
} from './gameDayReport';
import { GameDayScenarios } from './GameDayScenarios';
import { GameDayParams, GameDayRequest, GameDayStepDetails } from './types';

/**
 * Starts GameDays from the scenario library, aborts them, takes notes and
 * writes the report. The run itself is driven by GameDayHandler on the
 * reconciler's ticks.
 */
export class GameDayService {
  constructor(
    private readonly options: {
      runs: RunStore;
      scenarios: GameDayScenarios;
      /** The guard rails every run kind shares; each step's child run meets them again. */
      policy: RunPolicy;
      audit: AuditStore;
      /** Names the failover tests' regions in the report as the pages do; Azure names without it. */
      regionDisplayName?: RegionDisplayName;
      now?: () => Date;
    },
  ) {}

  private now(): Date {
    return (this.options.now ?? (() => new Date()))();
  }

  async start(
    request: GameDayRequest,
    requestedBy: string,
    idempotencyKey?: string,
  ): Promise<{ run: Run; created: boolean }> {
    const { runs, scenarios, policy, audit } = this.options;
    const scenario = await scenarios.get(request.scenario);
    if (request.environment && request.environment !== scenario.environment) {
      throw new InputError(
        `Invalid body field 'environment': scenario '${scenario.name}' is a ${scenario.environment} GameDay`,
      );
    }
    const decision = await policy.evaluate({
      kind: 'gameday',
      environment: scenario.environment,
      regions: scenario.regions,
      requestedBy,
    });
    await policy.enforce(decision, requestedBy, {
      action: 'gameday.start',
      targetType: 'scenario',
      targetId: scenario.name,
      details: { environment: scenario.environment },
    });
    const params: GameDayParams = {
      scenario,
      ...(request.entityRef ? { entityRef: request.entityRef } : {}),
    };
    const reason =
      scenario.environment === 'production'
        ? `scenario ${scenario.file}; each chaos step needs an approved production window`
        : `scenario ${scenario.file}`;
    const { run, created } = await runs.createRun(
      {
        kind: 'gameday',
        environment: scenario.environment,
        regions: scenario.regions,
        title: scenario.title,
        entityRef: request.entityRef,
        requestedBy,
        params: params as unknown as Record<string, unknown>,
        state: 'approved',
        reason,
      },
      idempotencyKey
        ? {
            key: idempotencyKey,
            operation: 'gameday.run',
            requestHash: createHash('sha256')
              .update(JSON.stringify(request))
              .digest('hex'),
          }
        : undefined,
    );
    if (created) {
      await audit.append({
        actor: requestedBy,
        action: 'gameday.start',
        targetType: 'run',
        targetId: run.id,
        decision: 'allowed',
        reason,
        details: { scenario: scenario.name, steps: scenario.steps.length },
      });
    }
    return { run, created };
  }

  /** A GameDay run, or NotFoundError (other kinds of run are not GameDays). */
  async get(id: string): Promise<RunDetail> {
    const run = await this.options.runs.getRun(id);
    if (!run || run.kind !== 'gameday') {
      throw new NotFoundError(`GameDay '${id}' not found`);
    }
    return run;
  }

  /**
   * Before the first tick the GameDay ends at once; once running it goes to
   * `stopping` and its machine stops the active child before ending.
   */
  async abort(id: string, actor: string, reason: string): Promise<Run> {
    const { runs, audit } = this.options;
    const run = await this.get(id);
    const why = `aborted by ${actor}: ${reason}`;
    try {
      let result: Run;
      if (run.state === 'approved') {
        result = await runs.transition(id, {
          from: ['approved'],
          to: 'aborted',
          actor,
          reason: why,
          endedAt: this.now(),
          outcome: { verdict: 'aborted', endingReason: why },
        });
        for (const step of run.steps.filter(s => s.state === 'pending')) {
          await runs.upsertStep(id, {
            seq: step.seq,
            name: step.name,
            state: 'skipped',
            details: {
              ...(step.details as GameDayStepDetails | undefined),
              error: `not run: ${why}`,
            },
          });
        }
      } else {
        result = await runs.transition(id, {
          from: ['running'],
          to: 'stopping',
          actor,
          reason: why,
          outcome: {
            ...(run.outcome ?? {}),
            ending: 'aborted',
            endingReason: why,
          },
        });
      }
      await audit.append({
        actor,
        action: 'gameday.abort',
        targetType: 'run',
        targetId: id,
        decision: 'allowed',
        reason,
      });
      return result;
    } catch (error) {
      if (error instanceof ConflictError) {
        throw new ConflictError(
          `GameDay '${id}' is ${run.state}; it cannot be aborted now`,
        );
      }
      throw error;
    }
  }

  /**
   * Appends a note to the step under way; between steps and after the end,
   * to the last step that started (a debrief belongs with what it is
   * about), and before the first step to the first.
   */
  async addNote(
    id: string,
    author: string,
    text: string,
  ): Promise<{ seq: number; step: string; line: string }> {
    const run = await this.get(id);
    const step =
      run.steps.find(s => s.state === 'running') ??
      [...run.steps].reverse().find(s => s.startedAt) ??
      run.steps[0];
    if (!step) {
      throw new ConflictError(
        `GameDay '${id}' has not laid out its steps yet; try again in a moment`,
      );
    }
    // One line per note: the column stays readable and parseable.
    const flat = text.replace(/\s+/g, ' ').trim();
    const line = `${this.now().toISOString()} ${author}: ${flat}`;
    if (!(await this.options.runs.appendStepNote(id, step.seq, line))) {
      throw new NotFoundError(`Step ${step.seq} of GameDay '${id}' not found`);
    }
    await this.options.audit.append({
      actor: author,
      action: 'gameday.note',
      targetType: 'run',
      targetId: id,
      decision: 'recorded',
      reason: `note on step ${step.seq} (${step.name})`,
    });
    return { seq: step.seq, step: step.name, line };
  }

  async report(id: string): Promise<GameDayReport> {
    const run = await this.get(id);
    const children = new Map<string, RunDetail>();
    for (const step of run.steps) {
      const childId = (step.details as GameDayStepDetails | undefined)
        ?.childRunId;
      if (childId) {
        const child = await this.options.runs.getRun(childId);
        if (child) children.set(childId, child);
      }
    }
    return buildGameDayReport(
      run,
      children,
      this.now(),
      this.options.regionDisplayName,
    );
  }
}
