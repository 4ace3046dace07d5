import { ConflictError } from '@backstage/errors';
import { Run, RunDetail, RunState } from '@internal/plugin-nt-infra-common';
import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import {
  IdempotencyKey,
  NewRun,
  RunFilter,
  RunStore,
  StepUpdate,
  TransitionRequest,
} from './RunStore';
import { DatabaseIdempotencyStore } from './IdempotencyStore';
import { HaltEngagedError, lockHaltSwitch } from './haltLock';
import { HALT_SWITCH_ID } from './HaltStore';
import { keysetPage } from './keysetPage';
import { RunRow, StepRow, toRun, toTimeline, TransitionRow } from './runRows';

/** Bounds one step's notes (a few hundred notes of a GameDay, not a log). */
export const MAX_STEP_NOTES_CHARS = 256 * 1024;

/** Runs in the plugin's database (SQLite or PostgreSQL). */
export class DatabaseRunStore implements RunStore {
  private readonly idempotency: DatabaseIdempotencyStore;

  constructor(private readonly db: Knex) {
    this.idempotency = new DatabaseIdempotencyStore(db);
  }

  async createRun(
    input: NewRun,
    idempotency?: IdempotencyKey,
    at = new Date(),
  ): Promise<{ run: Run; created: boolean }> {
    const reuse = async (
      db: Knex,
      key: IdempotencyKey,
    ): Promise<{ id: string; created: false } | undefined> => {
      const id = await this.idempotency.find(input.requestedBy, key, db);
      return id ? { id, created: false } : undefined;
    };
    const result = await this.db
      .transaction(async tx => {
        if (idempotency) {
          const existing = await reuse(tx, idempotency);
          if (existing) return existing;
        }
        const id = randomUUID();
        const now = at.getTime();
        await tx('runs').insert({
          id,
          kind: input.kind,
          environment: input.environment,
          state: input.state,
          title: input.title,
          entity_ref: input.entityRef ?? null,
          experiment_ref: input.experimentRef ?? null,
          requested_by: input.requestedBy,
          params: JSON.stringify(input.params),
          created_at: now,
          updated_at: now,
        });
        const regions = [...new Set(input.regions)];
        if (regions.length > 0) {
          await tx('run_regions').insert(
            regions.map(region => ({ run_id: id, region, created_at: now })),
          );
        }
        await tx('run_transitions').insert({
          run_id: id,
          from_state: null,
          to_state: input.state,
          actor: input.requestedBy,
          reason: input.reason,
          at: now,
        });
        if (idempotency) {
          await this.idempotency.record(
            tx,
            input.requestedBy,
            idempotency,
            id,
            now,
          );
        }
        return { id, created: true };
      })
      .catch(async error => {
        // A concurrent request with the same key committed first: the whole
        // transaction rolled back, and the answer is that request's run.
        const existing =
          idempotency && isUniqueViolation(error)
            ? await reuse(this.db, idempotency)
            : undefined;
        if (!existing) throw error;
        return existing;
      });
    const run = await this.getRun(result.id);
    return { run: run!, created: result.created };
  }

  async getRun(id: string): Promise<RunDetail | undefined> {
    const row = await this.db<RunRow>('runs').where({ id }).first();
    if (!row) {
      return undefined;
    }
    const [regions, transitions, steps] = await Promise.all([
      this.regionsOf([id]),
      this.db<TransitionRow>('run_transitions')
        .where({ run_id: id })
        .orderBy('id', 'asc'),
      this.db<StepRow>('run_steps').where({ run_id: id }).orderBy('seq', 'asc'),
    ]);
    return {
      ...toRun(row, regions.get(id) ?? []),
      ...toTimeline(transitions, steps),
    };
  }

  async listRuns(
    filter: RunFilter,
    page: { limit: number; cursor?: string },
  ): Promise<{ items: Run[]; nextCursor?: string }> {
    const query = this.db<RunRow>('runs as r').select('r.*');
    if (filter.kind) query.where('r.kind', filter.kind);
    if (filter.environment) query.where('r.environment', filter.environment);
    if (filter.entityRef) query.where('r.entity_ref', filter.entityRef);
    if (filter.state?.length) query.whereIn('r.state', filter.state);
    if (filter.from) query.where('r.created_at', '>=', Date.parse(filter.from));
    if (filter.to) query.where('r.created_at', '<', Date.parse(filter.to));
    if (filter.region) {
      query.whereExists(
        this.db('run_regions as rr')
          .whereRaw('rr.run_id = r.id')
          .andWhere('rr.region', filter.region),
      );
    }
    const { rows, nextCursor } = await keysetPage<RunRow>(
      query,
      {
        position: 'r.created_at',
        id: 'r.id',
        keyOf: r => ({ position: r.created_at, id: r.id }),
      },
      page,
    );
    const regions = await this.regionsOf(rows.map(r => r.id));
    return {
      items: rows.map(r => toRun(r, regions.get(r.id) ?? [])),
      nextCursor,
    };
  }

  async transition(
    id: string,
    change: TransitionRequest,
    at = new Date(),
  ): Promise<Run> {
    await this.db.transaction(async tx => {
      const row = await tx<RunRow>('runs').where({ id }).first();
      if (!row) {
        throw new ConflictError(`Run '${id}' does not exist`);
      }
      if (!change.from.includes(row.state)) {
        throw new ConflictError(
          `Run '${id}' is ${row.state}; it can only become ${
            change.to
          } from ${change.from.join(' or ')}`,
        );
      }
      if (change.unlessHalted) {
        await lockHaltSwitch(tx, 'shared');
        const halt = await tx('halt_switch')
          .where({ id: HALT_SWITCH_ID })
          .first();
        if (halt && Boolean(halt.engaged)) throw new HaltEngagedError();
      }
      const now = at.getTime();
      // The version check makes concurrent transitions of one run safe.
      const updated = await tx('runs')
        .where({ id, version: row.version })
        .update({
          state: change.to,
          updated_at: now,
          version: row.version + 1,
          ...(change.outcome
            ? { outcome: JSON.stringify(change.outcome) }
            : {}),
          ...(change.startedAt
            ? { started_at: change.startedAt.getTime() }
            : {}),
          ...(change.endedAt ? { ended_at: change.endedAt.getTime() } : {}),
        });
      if (updated !== 1) {
        throw new ConflictError(`Run '${id}' changed concurrently; retry`);
      }
      await tx('run_transitions').insert({
        run_id: id,
        from_state: row.state,
        to_state: change.to,
        actor: change.actor,
        reason: change.reason,
        details: change.details ? JSON.stringify(change.details) : null,
        at: now,
      });
    });
    return (await this.getRun(id))!;
  }

  async updateOutcome(
    id: string,
    patch: Record<string, unknown>,
  ): Promise<void> {
    await this.db.transaction(async tx => {
      const row = await tx<RunRow>('runs').where({ id }).first();
      if (!row) {
        throw new ConflictError(`Run '${id}' does not exist`);
      }
      const outcome = {
        ...(row.outcome ? JSON.parse(row.outcome) : {}),
        ...patch,
      };
      await tx('runs')
        .where({ id })
        .update({ outcome: JSON.stringify(outcome), updated_at: Date.now() });
    });
  }

  async claimRuns(options: {
    owner: string;
    states: RunState[];
    now: Date;
    leaseMs: number;
    limit: number;
  }): Promise<string[]> {
    const now = options.now.getTime();
    const free = (q: Knex.QueryBuilder) =>
      q
        .whereNull('lease_expires_at')
        .orWhere('lease_expires_at', '<', now)
        .orWhere('lease_owner', options.owner);
    const candidates = await this.db('runs')
      .select('id')
      .whereIn('state', options.states)
      .andWhere(free)
      .orderBy('created_at', 'asc')
      .limit(options.limit);
    const claimed: string[] = [];
    for (const { id } of candidates) {
      // Conditional update: of two replicas racing for a run, one matches.
      const updated = await this.db('runs')
        .where({ id })
        .andWhere(free)
        .update({
          lease_owner: options.owner,
          lease_expires_at: now + options.leaseMs,
        });
      if (updated === 1) {
        claimed.push(id);
      }
    }
    return claimed;
  }

  async releaseLeases(owner: string): Promise<void> {
    await this.db('runs')
      .where({ lease_owner: owner })
      .update({ lease_owner: null, lease_expires_at: null });
  }

  async runIdsInStates(states: RunState[]): Promise<string[]> {
    const rows = await this.db('runs')
      .select('id')
      .whereIn('state', states)
      .orderBy('created_at', 'asc');
    return rows.map(r => r.id);
  }

  async upsertStep(runId: string, step: StepUpdate): Promise<void> {
    const row: Record<string, unknown> = {
      run_id: runId,
      seq: step.seq,
      name: step.name,
      state: step.state,
    };
    if (step.details !== undefined) {
      row.details = JSON.stringify(step.details);
    }
    if (step.startedAt) row.started_at = step.startedAt.getTime();
    if (step.endedAt) row.ended_at = step.endedAt.getTime();
    // Only the given columns are merged: omitted details and timestamps stay.
    const merge = Object.keys(row).filter(c => c !== 'run_id' && c !== 'seq');
    await this.db('run_steps')
      .insert(row)
      .onConflict(['run_id', 'seq'])
      .merge(merge);
  }

  async appendStepNote(
    runId: string,
    seq: number,
    line: string,
  ): Promise<boolean> {
    const updated = await this.db('run_steps')
      .where({ run_id: runId, seq })
      .andWhere(q =>
        q
          .whereNull('notes')
          .orWhereRaw('length(notes) + ? <= ?', [
            line.length + 1,
            MAX_STEP_NOTES_CHARS,
          ]),
      )
      .update({
        // `||` concatenates on SQLite and PostgreSQL alike.
        notes: this.db.raw(
          `CASE WHEN notes IS NULL OR notes = '' THEN ? ELSE notes || ? END`,
          [line, `\n${line}`],
        ),
      });
    if (updated === 1) {
      return true;
    }
    const exists = await this.db('run_steps')
      .where({ run_id: runId, seq })
      .first();
    if (exists) {
      throw new ConflictError(
        `The notes of step ${seq} of run '${runId}' are full`,
      );
    }
    return false;
  }

  private async regionsOf(ids: string[]): Promise<Map<string, string[]>> {
    const map = new Map<string, string[]>();
    if (ids.length === 0) return map;
    const rows = await this.db('run_regions')
      .whereIn('run_id', ids)
      .orderBy('region', 'asc');
    for (const row of rows) {
      const list = map.get(row.run_id) ?? [];
      list.push(row.region);
      map.set(row.run_id, list);
    }
    return map;
  }
}

/** A unique or primary key violation, as PostgreSQL and SQLite report it. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown };
  return (
    e?.code === '23505' ||
    (typeof e?.code === 'string' && e.code.startsWith('SQLITE_CONSTRAINT')) ||
    (typeof e?.message === 'string' &&
      /UNIQUE constraint failed|duplicate key value/.test(e.message))
  );
}
