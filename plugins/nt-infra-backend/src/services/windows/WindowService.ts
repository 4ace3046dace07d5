import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
  isError,
} from '@backstage/errors';
import { AuditStore, NewAuditEvent } from '../../database/AuditStore';
import {
  ChaosWindow,
  CoveringWindowQuery,
  WindowFilter,
  WindowNotification,
  WindowPage,
} from './types';
import {
  findUnknownExperiments,
  validateWindowRequest,
  WindowRequest,
} from './windowRules';
import { WindowStore } from '../../database/WindowStore';

/** The actor of what the portal does on its own (expiries). */
export const SYSTEM_ACTOR = 'nt-infra';

type WindowAction =
  | 'window.request'
  | 'window.approve'
  | 'window.reject'
  | 'window.cancel'
  | 'window.expire';

/** Refusals the caller made happen; anything else is our failure, not a decision. */
const REFUSALS = new Set([
  'InputError',
  'NotAllowedError',
  'ConflictError',
  'NotFoundError',
]);

export interface WindowServiceOptions {
  store: WindowStore;
  audit: Pick<AuditStore, 'append'>;
  logger: LoggerService;
  /** Ids of the experiment library, e.g. `PodChaos/ntai/api-pod-failure-10pct`. */
  knownExperiments(): Promise<Set<string>>;
  /** The run policy's production limit; a window may only lower it (default 0.1). */
  productionMaxFraction?: number;
  /** Delivery (Backstage notifications) is the caller's; a failure never undoes the action. */
  notify(event: WindowNotification): Promise<void> | void;
  /** For tests; defaults to the wall clock. */
  now?: () => Date;
}

/**
 * Production chaos windows: who may request, decide and cancel them, and
 * when. Every attempt, allowed or refused, lands in the audit trail.
 */
export class WindowService {
  private readonly now: () => Date;

  private constructor(private readonly options: WindowServiceOptions) {
    this.now = options.now ?? (() => new Date());
  }

  static create(options: WindowServiceOptions): WindowService {
    return new WindowService(options);
  }

  async request(actor: string, input: WindowRequest): Promise<ChaosWindow> {
    const details = { request: input };
    return this.attempt(
      'window.request',
      actor,
      undefined,
      details,
      async () => {
        const now = this.now();
        const window = await validateWindowRequest({
          input,
          requestedBy: actor,
          now,
          knownExperiments: this.options.knownExperiments,
          productionMaxFraction: this.options.productionMaxFraction,
        });
        // Fail fast: it could never be approved while the other one stands.
        const [clash] = await this.options.store.findApprovedOverlaps({
          environment: window.environment,
          startsAt: window.startsAt,
          endsAt: window.endsAt,
          regions: window.limits.regions,
        });
        if (clash) {
          throw new ConflictError(
            `The window overlaps approved window '${clash.id}' (${clash.startsAt} to ${clash.endsAt}) in a shared region`,
          );
        }
        const created = await this.options.store.create(window, now);
        await this.record('window.request', actor, created, window.reason, {
          startsAt: created.startsAt,
          endsAt: created.endsAt,
          limits: created.limits,
        });
        await this.tell('window.requested', 'approvers', actor, created);
        return created;
      },
    );
  }

  async get(id: string): Promise<ChaosWindow> {
    const window = await this.options.store.get(id);
    if (!window) {
      throw new NotFoundError(`Window '${id}' not found`);
    }
    return window;
  }

  list(
    filter: WindowFilter,
    page: { limit: number; cursor?: string },
  ): Promise<WindowPage> {
    return this.options.store.list(filter, page);
  }

  approve(actor: string, id: string, comment: string): Promise<ChaosWindow> {
    return this.decide(actor, id, 'approved', comment);
  }

  reject(actor: string, id: string, comment: string): Promise<ChaosWindow> {
    return this.decide(actor, id, 'rejected', comment);
  }

  /**
   * The requester may withdraw their window; an admin may cancel anyone's
   * (e.g. during an incident). Not after it ended: history stays as it was.
   */
  async cancel(
    actor: string,
    id: string,
    options: { isAdmin: boolean; reason?: string },
  ): Promise<ChaosWindow> {
    return this.attempt('window.cancel', actor, id, {}, async () => {
      const window = await this.get(id);
      if (window.requestedBy !== actor && !options.isAdmin) {
        throw new NotAllowedError(
          'only the requester or an admin may cancel a window',
        );
      }
      const cancelled = await this.options.store.cancel(id, this.now());
      const reason = options.reason?.trim() || 'cancelled';
      await this.record('window.cancel', actor, cancelled, reason, {
        previousState: window.state,
        asAdmin: window.requestedBy !== actor,
      });
      await this.tell(
        'window.cancelled',
        window.requestedBy === actor ? 'approvers' : 'requester',
        actor,
        cancelled,
      );
      return cancelled;
    });
  }

  /** For the run engine's tick: requested windows whose start passed undecided. */
  async expireDue(now = this.now()): Promise<ChaosWindow[]> {
    const expired = await this.options.store.expireDue(now);
    for (const window of expired) {
      await this.options.audit.append(
        {
          actor: SYSTEM_ACTOR,
          action: 'window.expire',
          targetType: 'window',
          targetId: window.id,
          // Nobody asked for anything: the clock ran out, so it is recorded.
          decision: 'recorded',
          reason: `not decided before it started at ${window.startsAt}`,
        },
        now,
      );
      await this.tell('window.expired', 'requester', SYSTEM_ACTOR, window);
    }
    return expired;
  }

  /** For the run engine: undefined means a production run must be refused. */
  findCoveringWindow(
    query: CoveringWindowQuery,
  ): Promise<ChaosWindow | undefined> {
    return this.options.store.findCoveringWindow(query);
  }

  private async decide(
    actor: string,
    id: string,
    decision: 'approved' | 'rejected',
    comment: string,
  ): Promise<ChaosWindow> {
    const action = decision === 'approved' ? 'window.approve' : 'window.reject';
    return this.attempt(action, actor, id, { comment }, async () => {
      const window = await this.get(id);
      // Four-eyes, for rejections too: a requester who changed their mind cancels.
      if (window.requestedBy === actor) {
        throw new NotAllowedError('approver must not be the requester');
      }
      if (decision === 'approved') {
        // The library may have changed since the request.
        const gone = await findUnknownExperiments(
          window.limits.experiments,
          this.options.knownExperiments,
        );
        if (gone.length > 0) {
          throw new ConflictError(
            `Experiments no longer in the library: ${gone.join(
              ', ',
            )}; request a new window`,
          );
        }
      }
      const decided = await this.options.store.decide(
        id,
        { decision, actor, reason: comment },
        this.now(),
      );
      await this.record(action, actor, decided, comment, {
        requestedBy: decided.requestedBy,
      });
      await this.tell(`window.${decision}`, 'requester', actor, decided);
      return decided;
    });
  }

  /** Runs `fn`; a refusal is audited as denied (with the reason the caller sees) and rethrown. */
  private async attempt<T>(
    action: WindowAction,
    actor: string,
    targetId: string | undefined,
    details: Record<string, unknown>,
    fn: () => Promise<T>,
  ): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      if (isError(error) && REFUSALS.has(error.name)) {
        await this.options.audit.append(
          {
            actor,
            action,
            targetType: 'window',
            targetId,
            decision: 'denied',
            reason: error.message,
            details,
          },
          this.now(),
        );
      }
      throw error;
    }
  }

  private async record(
    action: WindowAction,
    actor: string,
    window: ChaosWindow,
    reason: string,
    details: NewAuditEvent['details'],
  ) {
    await this.options.audit.append(
      {
        actor,
        action,
        targetType: 'window',
        targetId: window.id,
        decision: 'allowed',
        reason,
        details,
      },
      this.now(),
    );
  }

  private async tell(
    kind: WindowNotification['kind'],
    audience: WindowNotification['audience'],
    actor: string,
    window: ChaosWindow,
  ) {
    try {
      await this.options.notify({ kind, audience, actor, window });
    } catch (error) {
      // The window already changed; a lost notification must not hide that.
      this.options.logger.warn(
        `Could not notify ${audience} of ${kind} for window ${window.id}`,
        isError(error) ? error : undefined,
      );
    }
  }
}
