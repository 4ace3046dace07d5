import { LoggerService } from '@backstage/backend-plugin-api';
import {
  RunDetail,
  TERMINAL_RUN_STATES,
} from '@internal/plugin-nt-infra-common';
import { RunHandler, RunTick } from '../runs/RunHandler';
import { progressStep, StepDeps, StepView, stopChildRun } from './runStep';
import {
  GameDayOutcome,
  GameDayParams,
  GameDayStepDetails,
  GameDayStepState,
} from './types';

/**
 * The GameDay state machine:
 * approved → (a pending row per step) → running → one step at a time:
 * pending → running → passed | failed (| skipped when never reached)
 * → completed (every step passed) | failed (a step failed).
 * Abort and halt-all go through `stopping`: the active child run is asked
 * to stop and the GameDay waits for it to end (its machine removes its
 * faults) before it is `aborted`, so no fault outlives the GameDay.
 *
 * Everything a tick needs is in the run and its step rows; a tick replayed
 * after a crash re-starts a child with the same idempotency key and gets
 * the same run back.
 */
export class GameDayHandler implements RunHandler {
  readonly kind = 'gameday' as const;

  constructor(
    private readonly options: StepDeps & {
      logger: LoggerService;
    },
  ) {}

  async tick(t: RunTick): Promise<void> {
    switch (t.run.state) {
      case 'approved':
        return this.begin(t);
      case 'running':
        return this.advance(t);
      case 'stopping':
        return this.stop(t);
      default:
        return undefined;
    }
  }

  private views(run: RunDetail): StepView[] {
    const { scenario } = run.params as unknown as GameDayParams;
    return scenario.steps.map((step, seq) => {
      const row = run.steps.find(s => s.seq === seq);
      return {
        seq,
        step,
        state: row?.state ?? 'pending',
        details: (row?.details as GameDayStepDetails | undefined) ?? {
          type: step.type,
        },
        startedAt: new Date(row?.startedAt ?? run.updatedAt),
      };
    });
  }

  private async saveStep(
    t: RunTick,
    view: StepView,
    state: GameDayStepState,
    details: GameDayStepDetails,
    times: { startedAt?: Date; endedAt?: Date } = {},
  ) {
    await this.options.runs.upsertStep(t.run.id, {
      seq: view.seq,
      name: view.step.name,
      state,
      details: details as unknown as Record<string, unknown>,
      ...times,
    });
  }

  private async move(
    t: RunTick,
    to: Parameters<RunTick['transition']>[0],
    reason: string,
    extra?: Parameters<RunTick['transition']>[2],
  ) {
    await t.transition(to, reason, extra);
  }

  private async begin(t: RunTick) {
    const views = this.views(t.run);
    if (t.halted) {
      await this.skipPending(t, views, 'halt-all is engaged');
      await this.move(t, 'aborted', 'halt-all is engaged; no step was run', {
        endedAt: t.now,
        outcome: { verdict: 'aborted', endingReason: 'halt-all engaged' },
      });
      return;
    }
    // Rows first, so the timeline shows every step from the start; a
    // replayed tick rewrites the same pending rows.
    for (const view of views) {
      if (!t.run.steps.some(s => s.seq === view.seq)) {
        await this.saveStep(t, view, 'pending', view.details);
      }
    }
    await this.move(t, 'running', `${views.length} steps to run`, {
      startedAt: t.now,
    });
  }

  private async advance(t: RunTick) {
    if (t.halted) {
      await this.toStopping(t, 'halt-all engaged');
      return;
    }
    const views = this.views(t.run);
    const blocking = views.find(
      v => v.state === 'failed' && !v.step.continueOnFailure,
    );
    const current = views.find(
      v => v.state === 'pending' || v.state === 'running',
    );
    if (blocking || !current) {
      await this.finish(t, views, blocking);
      return;
    }
    let view = current;
    if (view.state === 'pending') {
      await this.saveStep(t, view, 'running', view.details, {
        startedAt: t.now,
      });
      view = { ...view, state: 'running', startedAt: t.now };
    }
    const progress = await progressStep(t.run, view, t.now, this.options);
    if (progress.state === 'running') {
      if (progress.changed) {
        await this.saveStep(t, view, 'running', progress.details);
      }
      return;
    }
    await this.saveStep(t, view, progress.state, progress.details, {
      endedAt: t.now,
    });
  }

  private async finish(
    t: RunTick,
    views: StepView[],
    blocking: StepView | undefined,
  ) {
    if (blocking) {
      await this.skipPending(t, views, `step '${blocking.step.name}' failed`);
    }
    const failed = views.filter(v => v.state === 'failed');
    const outcome: GameDayOutcome = {
      ...(t.run.outcome as GameDayOutcome | undefined),
      verdict: failed.length > 0 ? 'failed' : 'passed',
      failedSteps: failed.map(v => v.step.name),
    };
    let reason = `all ${views.length} steps passed`;
    if (blocking) {
      reason = `step '${blocking.step.name}' failed: ${
        blocking.details.error ?? ''
      }`;
    } else if (failed.length > 0) {
      reason = `all steps ran; ${
        failed.length
      } failed (${outcome.failedSteps!.join(', ')})`;
    }
    await this.move(t, failed.length > 0 ? 'failed' : 'completed', reason, {
      endedAt: t.now,
      outcome: outcome as Record<string, unknown>,
    });
  }

  private async skipPending(t: RunTick, views: StepView[], why: string) {
    for (const view of views.filter(v => v.state === 'pending')) {
      await this.saveStep(t, view, 'skipped', {
        ...view.details,
        error: `not run: ${why}`,
      });
    }
  }

  private async toStopping(t: RunTick, reason: string) {
    await this.move(t, 'stopping', reason, {
      outcome: {
        ...(t.run.outcome ?? {}),
        ending: 'aborted',
        endingReason: reason,
      },
    });
  }

  /** Aborting: the active child ends first, then the GameDay. */
  private async stop(t: RunTick) {
    const outcome = (t.run.outcome ?? {}) as GameDayOutcome;
    const reason = outcome.endingReason ?? 'aborted';
    const views = this.views(t.run);
    const active = views.find(v => v.state === 'running');
    if (active?.details.childRunId) {
      const child = await this.options.runs.getRun(active.details.childRunId);
      if (child && !TERMINAL_RUN_STATES.includes(child.state)) {
        await stopChildRun(
          this.options,
          child,
          'nt-infra',
          `GameDay ${t.run.id} aborted: ${reason}`,
        );
        // Checked again next tick, until its machine has cleaned up.
        return;
      }
    }
    if (active) {
      await this.saveStep(
        t,
        active,
        'failed',
        { ...active.details, error: `aborted: ${reason}` },
        { endedAt: t.now },
      );
    }
    await this.skipPending(t, views, `the GameDay was aborted (${reason})`);
    await this.move(t, 'aborted', reason, {
      endedAt: t.now,
      outcome: {
        ...outcome,
        verdict: 'aborted',
        failedSteps: views
          .filter(v => v.state === 'failed' || v === active)
          .map(v => v.step.name),
      },
    });
  }
}
