import { ConflictError } from '@backstage/errors';
import { randomUUID } from 'crypto';
import { Knex } from 'knex';
import {
  ChangeKind,
  ChangeRequest,
  ChangeRequestState,
} from '@internal/plugin-nt-infra-common';
import {
  ChangeIdempotencyKey,
  ChangeRequestPage,
  ChangeRequestStore,
  ChangeTransition,
  NewChangeRequest,
} from './ChangeRequestStore';
import { DatabaseIdempotencyStore } from './IdempotencyStore';
import { keysetPage } from './keysetPage';

const OPERATION = 'gitops.change';

interface Row {
  id: string;
  kind: string;
  title: string;
  state: string;
  provider: string;
  requested_by: string;
  branch: string | null;
  pull_request_url: string | null;
  pull_request_number: number | null;
  run_id: string | null;
  window_id: string | null;
  params: string;
  reason: string | null;
  diff: string | null;
  checks: string | null;
  base_sha: string | null;
  head_sha: string | null;
  approved_by: string | null;
  merged_sha: string | null;
  created_at: number | string;
  updated_at: number | string;
}

const iso = (ms: number | string) => new Date(Number(ms)).toISOString();

/** Change requests in the plugin database (SQLite or PostgreSQL), with their transitions. */
export class DatabaseChangeRequestStore implements ChangeRequestStore {
  private readonly idempotency: DatabaseIdempotencyStore;

  constructor(private readonly db: Knex) {
    this.idempotency = new DatabaseIdempotencyStore(db);
  }

  async findByIdempotencyKey(
    actor: string,
    key: ChangeIdempotencyKey,
  ): Promise<ChangeRequest | undefined> {
    const id = await this.idempotency.find(actor, {
      ...key,
      operation: OPERATION,
    });
    return id ? this.get(id) : undefined;
  }

  async create(
    input: NewChangeRequest,
    key?: ChangeIdempotencyKey,
    at = new Date(),
  ): Promise<ChangeRequest> {
    const id = randomUUID();
    const now = at.getTime();
    await this.db.transaction(async tx => {
      await tx('change_requests').insert({
        id,
        kind: input.kind,
        title: input.title.slice(0, 256),
        state: 'open',
        provider: input.provider,
        requested_by: input.requestedBy,
        branch: input.branch ?? null,
        pull_request_url: input.pullRequestUrl ?? null,
        pull_request_number: input.pullRequestNumber ?? null,
        run_id: input.runId ?? null,
        window_id: input.windowId ?? null,
        params: JSON.stringify(input.params),
        reason: input.reason,
        diff: input.diff,
        checks: JSON.stringify(input.checks),
        base_sha: input.baseSha ?? null,
        head_sha: input.headSha ?? null,
        created_at: now,
        updated_at: now,
      });
      await tx('change_request_transitions').insert({
        change_request_id: id,
        from_state: null,
        to_state: 'open',
        actor: input.requestedBy,
        reason: input.reason,
        at: now,
      });
      if (key) {
        await this.idempotency.record(
          tx,
          input.requestedBy,
          { ...key, operation: OPERATION },
          id,
          now,
        );
      }
    });
    return (await this.get(id))!;
  }

  async get(id: string): Promise<ChangeRequest | undefined> {
    const row = await this.db<Row>('change_requests').where({ id }).first();
    if (!row) return undefined;
    const transitions = await this.db('change_request_transitions')
      .where({ change_request_id: id })
      .orderBy('id', 'asc');
    return {
      ...summary(row),
      transitions: transitions.map(t => ({
        from: (t.from_state ?? undefined) as ChangeRequestState | undefined,
        to: t.to_state as ChangeRequestState,
        actor: t.actor,
        reason: t.reason,
        at: iso(t.at),
      })),
    };
  }

  async list(filter: {
    state?: ChangeRequestState;
    limit: number;
    cursor?: string;
  }): Promise<ChangeRequestPage> {
    const query = this.db<Row>('change_requests');
    if (filter.state) query.where({ state: filter.state });
    const { rows, nextCursor } = await keysetPage<Row>(
      query,
      {
        position: 'created_at',
        id: 'id',
        keyOf: r => ({ position: r.created_at, id: r.id }),
      },
      filter,
    );
    return {
      items: rows.map(row => ({ ...summary(row), transitions: [] })),
      nextCursor,
    };
  }

  async transition(
    id: string,
    change: ChangeTransition,
    at = new Date(),
  ): Promise<ChangeRequest> {
    await this.db.transaction(async tx => {
      const row = await tx<Row>('change_requests').where({ id }).first();
      const updated = await tx('change_requests')
        .where({ id })
        .whereIn('state', change.from)
        .update({
          state: change.to,
          updated_at: at.getTime(),
          ...(change.approvedBy ? { approved_by: change.approvedBy } : {}),
          ...(change.mergedSha ? { merged_sha: change.mergedSha } : {}),
          ...(change.checks ? { checks: JSON.stringify(change.checks) } : {}),
        });
      if (updated !== 1) {
        throw new ConflictError(
          `Change request '${id}' is ${
            row?.state ?? 'missing'
          }; expected ${change.from.join(' or ')}`,
        );
      }
      await tx('change_request_transitions').insert({
        change_request_id: id,
        from_state: row!.state,
        to_state: change.to,
        actor: change.actor,
        reason: change.reason,
        at: at.getTime(),
      });
    });
    return (await this.get(id))!;
  }
}

function summary(row: Row): Omit<ChangeRequest, 'transitions'> {
  return {
    id: row.id,
    kind: row.kind as ChangeKind,
    title: row.title,
    state: row.state as ChangeRequestState,
    provider: row.provider as ChangeRequest['provider'],
    requestedBy: row.requested_by,
    branch: row.branch ?? undefined,
    baseSha: row.base_sha ?? undefined,
    headSha: row.head_sha ?? undefined,
    pullRequestUrl: row.pull_request_url ?? undefined,
    pullRequestNumber: row.pull_request_number ?? undefined,
    runId: row.run_id ?? undefined,
    windowId: row.window_id ?? undefined,
    params: JSON.parse(row.params),
    reason: row.reason ?? '',
    diff: row.diff ?? '',
    checks: row.checks ? JSON.parse(row.checks) : [],
    approvedBy: row.approved_by ?? undefined,
    mergedSha: row.merged_sha ?? undefined,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}
