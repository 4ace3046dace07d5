import {
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { CustomErrorBase } from '@backstage/errors';
import { Response } from 'express';

export interface PreviewLimit {
  /** Previews one principal may ask for per window (`ntInfra.previews.perUser`, default 10). */
  perUser: number;
  /** `ntInfra.previews.windowSeconds`, default 60. */
  windowMs: number;
}

export const DEFAULT_PREVIEW_LIMIT: PreviewLimit = {
  perUser: 10,
  windowMs: 60_000,
};

/** 429: the caller asked for too much; Backstage's error handler reads `statusCode`. */
export class TooManyRequestsError extends CustomErrorBase {
  readonly statusCode = 429;
}

/**
 * A sliding window per principal: at most `perUser` previews in any
 * `windowMs`. A GitOps preview builds two Kustomize overlays in child
 * processes and a chaos preview reads every region's pods; without a bound,
 * one user's loop takes the CPU the reconciler needs to evaluate stop
 * conditions in time.
 */
export class PreviewBudget {
  private readonly taken = new Map<string, number[]>();

  constructor(
    private readonly limit: PreviewLimit,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one preview for `principal`; undefined if allowed, else the seconds until one is free. */
  take(principal: string): number | undefined {
    const now = this.now();
    const since = now - this.limit.windowMs;
    const recent = (this.taken.get(principal) ?? []).filter(t => t > since);
    if (recent.length >= this.limit.perUser) {
      this.taken.set(principal, recent);
      return Math.max(1, Math.ceil((recent[0] - since) / 1000));
    }
    recent.push(now);
    this.taken.set(principal, recent);
    this.forgetIdle(since);
    return undefined;
  }

  /** Drops principals with nothing in the window, so the map stays as small as the active users. */
  private forgetIdle(since: number) {
    if (this.taken.size < 1000) return;
    for (const [principal, times] of this.taken) {
      if (times[times.length - 1] <= since) this.taken.delete(principal);
    }
  }
}

/**
 * Admits a principal's previews within its budget. Routes call it after
 * parsing and authorizing, so that what it counts is exactly the work a
 * preview costs: a bad body is a cheap 400 and a refusal a 403, both as
 * before. Beyond the budget: 429, a message that says the limit, and
 * Retry-After.
 */
export class PreviewGate {
  private readonly budget: PreviewBudget;

  constructor(
    private readonly limit: PreviewLimit = DEFAULT_PREVIEW_LIMIT,
    now?: () => number,
  ) {
    this.budget = new PreviewBudget(limit, now);
  }

  admit(credentials: BackstageCredentials, res: Response): void {
    const principal = credentials.principal as
      | BackstageUserPrincipal
      | { type: string; subject?: string };
    const key =
      principal.type === 'user'
        ? (principal as BackstageUserPrincipal).userEntityRef
        : `${principal.type}:${
            (principal as { subject?: string }).subject ?? 'unknown'
          }`;
    const retryAfter = this.budget.take(key);
    if (retryAfter === undefined) return;
    res.setHeader('Retry-After', String(retryAfter));
    throw new TooManyRequestsError(
      `Too many previews: at most ${this.limit.perUser} per ${Math.round(
        this.limit.windowMs / 1000,
      )} s per user; retry in ${retryAfter} s`,
    );
  }
}
