import { ConflictError, NotFoundError } from '@backstage/errors';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { ChaosWindow } from '@internal/plugin-nt-infra-common';
import {
  ApprovalRow,
  limitsOf,
  sharesRegion,
  toWindow,
  WindowRow,
} from './windowRows';
import { keysetPage } from './keysetPage';
import {
  CoveringWindowQuery,
  NewWindow,
  WindowDecisionRequest,
  WindowFilter,
  WindowPage,
  WindowStore,
} from './WindowStore';

const TABLE = 'chaos_windows';

/** Chaos windows in the plugin's database (SQLite or PostgreSQL). */
export class DatabaseWindowStore implements WindowStore {
  private constructor(private readonly db: Knex) {}

  /** `db` must already be migrated (the plugin runs the migrations once, in `init`). */
  static create(options: { db: Knex }): DatabaseWindowStore {
    return new DatabaseWindowStore(options.db);
  }

  async create(input: NewWindow, at = new Date()): Promise<ChaosWindow> {
    const id = randomUUID();
    const now = at.getTime();
    await this.db(TABLE).insert({
      id,
      environment: input.environment,
      starts_at: input.startsAt.getTime(),
      ends_at: input.endsAt.getTime(),
      state: 'requested',
      requested_by: input.requestedBy,
      reason: input.reason,
      limits: JSON.stringify(input.limits),
      created_at: now,
      updated_at: now,
    });
    return (await this.get(id))!;
  }

  async get(id: string): Promise<ChaosWindow | undefined> {
    const row = await this.db<WindowRow>(TABLE).where({ id }).first();
    if (!row) return undefined;
    const approvals = await this.latestApprovals(this.db, [id]);
    return toWindow(row, approvals.get(id));
  }

  async list(
    filter: WindowFilter,
    page: { limit: number; cursor?: string },
  ): Promise<WindowPage> {
    const query = this.db<WindowRow>(TABLE);
    if (filter.environment) query.where('environment', filter.environment);
    if (filter.state?.length) query.whereIn('state', filter.state);
    // Overlap with [from, to): the window ends after `from` and starts before `to`.
    if (filter.from) query.where('ends_at', '>', filter.from.getTime());
    if (filter.to) query.where('starts_at', '<', filter.to.getTime());
    const { rows, nextCursor } = await keysetPage<WindowRow>(
      query,
      {
        position: 'starts_at',
        id: 'id',
        keyOf: r => ({ position: r.starts_at, id: r.id }),
      },
      page,
    );
    const approvals = await this.latestApprovals(
      this.db,
      rows.map(r => r.id),
    );
    return {
      items: rows.map(r => toWindow(r, approvals.get(r.id))),
      nextCursor,
    };
  }

  async decide(
    id: string,
    request: WindowDecisionRequest,
    at = new Date(),
  ): Promise<ChaosWindow> {
    const now = at.getTime();
    await this.db.transaction(async tx => {
      const first = await tx<WindowRow>(TABLE).where({ id }).first();
      if (!first) {
        throw new NotFoundError(`Window '${id}' not found`);
      }
      // Lock every window of the environment overlapping this one in time
      // (itself included), in id order. On PostgreSQL a second approver of
      // this or of an overlapping window waits here and then reads the
      // committed state; SQLite serialises transactions anyway, and knex
      // drops FOR UPDATE there.
      const neighbours = await tx<WindowRow>(TABLE)
        .where('environment', first.environment)
        .where('starts_at', '<', Number(first.ends_at))
        .where('ends_at', '>', Number(first.starts_at))
        .orderBy('id', 'asc')
        .forUpdate();
      const row = neighbours.find(r => r.id === id) ?? first;
      await this.assertUndecided(tx, row, now);
      if (request.decision === 'approved') {
        const regions = limitsOf(row).regions;
        const clash = neighbours.find(
          r =>
            r.id !== id && r.state === 'approved' && sharesRegion(r, regions),
        );
        if (clash) {
          throw new ConflictError(
            `Window '${id}' overlaps approved window '${clash.id}' (${new Date(
              Number(clash.starts_at),
            ).toISOString()} to ${new Date(
              Number(clash.ends_at),
            ).toISOString()}) in region ${limitsOf(clash)
              .regions.filter(r => regions.includes(r))
              .join(', ')}`,
          );
        }
      }
      // Conditional update: the last line of defence against a concurrent decision.
      const updated = await tx(TABLE)
        .where({ id, state: 'requested' })
        .where('starts_at', '>', now)
        .update({ state: request.decision, updated_at: now });
      if (updated !== 1) {
        throw new ConflictError(
          `Window '${id}' changed concurrently; reload it`,
        );
      }
      await tx('approvals').insert({
        subject_type: 'window',
        subject_id: id,
        decision: request.decision,
        actor: request.actor,
        reason: request.reason,
        at: now,
      });
    });
    return (await this.get(id))!;
  }

  async cancel(id: string, at = new Date()): Promise<ChaosWindow> {
    const now = at.getTime();
    const updated = await this.db(TABLE)
      .where({ id })
      .whereIn('state', ['requested', 'approved'])
      .where('ends_at', '>', now)
      .update({ state: 'cancelled', updated_at: now });
    const window = await this.get(id);
    if (!window) {
      throw new NotFoundError(`Window '${id}' not found`);
    }
    if (updated !== 1) {
      throw new ConflictError(
        window.state === 'requested' || window.state === 'approved'
          ? `Window '${id}' already ended at ${window.endsAt}; it cannot be cancelled`
          : `Window '${id}' is ${window.state}; only requested or approved windows can be cancelled`,
      );
    }
    return window;
  }

  async expireDue(now: Date): Promise<ChaosWindow[]> {
    const due = await this.db<WindowRow>(TABLE)
      .where('state', 'requested')
      .where('starts_at', '<=', now.getTime())
      .orderBy('starts_at', 'asc')
      .select('id');
    const expired: ChaosWindow[] = [];
    for (const { id } of due) {
      // Per row and conditional: another replica or an approver may have
      // moved it since the select; only the caller that moved it reports it.
      const moved = await this.db(TABLE)
        .where({ id, state: 'requested' })
        .update({ state: 'expired', updated_at: now.getTime() });
      if (moved === 1) {
        expired.push((await this.get(id))!);
      }
    }
    return expired;
  }

  async findApprovedOverlaps(window: {
    environment: NewWindow['environment'];
    startsAt: Date;
    endsAt: Date;
    regions: string[];
    excludeId?: string;
  }): Promise<ChaosWindow[]> {
    const rows = await this.db<WindowRow>(TABLE)
      .where({ environment: window.environment, state: 'approved' })
      .where('starts_at', '<', window.endsAt.getTime())
      .where('ends_at', '>', window.startsAt.getTime())
      .orderBy('starts_at', 'asc');
    const hits = rows.filter(
      r => r.id !== window.excludeId && sharesRegion(r, window.regions),
    );
    const approvals = await this.latestApprovals(
      this.db,
      hits.map(r => r.id),
    );
    return hits.map(r => toWindow(r, approvals.get(r.id)));
  }

  async findCoveringWindow(
    query: CoveringWindowQuery,
  ): Promise<ChaosWindow | undefined> {
    const at = query.at.getTime();
    // Few approved windows cover any instant, so the limits (JSON) are
    // matched here rather than in SQL.
    const rows = await this.db<WindowRow>(TABLE)
      .where({ environment: query.environment, state: 'approved' })
      .where('starts_at', '<=', at)
      .where('ends_at', '>', at)
      .orderBy([
        { column: 'starts_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ]);
    const row = rows.find(r => {
      const limits = limitsOf(r);
      return (
        query.regions.length > 0 &&
        limits.experiments.includes(query.experiment) &&
        query.regions.every(region => limits.regions.includes(region))
      );
    });
    if (!row) return undefined;
    const approvals = await this.latestApprovals(this.db, [row.id]);
    return toWindow(row, approvals.get(row.id));
  }

  /** Throws ConflictError naming who decided, or that the window already started. */
  private async assertUndecided(tx: Knex, row: WindowRow, now: number) {
    if (row.state !== 'requested') {
      const decided = (await this.latestApprovals(tx, [row.id])).get(row.id);
      throw new ConflictError(
        decided
          ? `Window '${row.id}' was already ${decided.decision} by ${decided.actor}`
          : `Window '${row.id}' is ${row.state}; only requested windows can be decided`,
      );
    }
    if (Number(row.starts_at) <= now) {
      throw new ConflictError(
        `Window '${row.id}' started at ${new Date(
          Number(row.starts_at),
        ).toISOString()} without a decision; it expires and must be requested again`,
      );
    }
  }

  private async latestApprovals(
    db: Knex,
    ids: string[],
  ): Promise<Map<string, ApprovalRow>> {
    const map = new Map<string, ApprovalRow>();
    if (ids.length === 0) return map;
    const rows = await db<ApprovalRow>('approvals')
      .where('subject_type', 'window')
      .whereIn('subject_id', ids)
      .orderBy('id', 'asc');
    for (const row of rows) map.set(row.subject_id, row);
    return map;
  }
}
