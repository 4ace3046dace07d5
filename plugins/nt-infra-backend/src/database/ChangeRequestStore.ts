import { ConflictError } from '@backstage/errors';
import { randomUUID } from 'crypto';
import { Knex } from 'knex';
import {
  ChangeKind,
  ChangeRequest,
  ChangeRequestState,
  CheckResult,
} from '../services/gitops/types';

export type NewChangeRequest = Omit<
  ChangeRequest,
  | 'id'
  | 'state'
  | 'createdAt'
  | 'updatedAt'
  | 'transitions'
  | 'approvedBy'
  | 'mergedSha'
>;

export interface IdempotencyKey {
  key: string;
  requestHash: string;
}

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
export class ChangeRequestStore {
  constructor(private readonly db: Knex) {}

  /** The change request an earlier call with this key created, if any. */
  async findByIdempotencyKey(actor: string, key: IdempotencyKey) {
    const row = await this.db('idempotency_keys')
      .where({ actor, operation: OPERATION, key: key.key })
      .first();
    if (!row) return undefined;
    if (row.request_hash !== key.requestHash) {
      throw new ConflictError(
        `Idempotency key '${key.key}' was already used for a different request`,
      );
    }
    return this.get(row.resource_id);
  }

  async create(
    input: NewChangeRequest,
    key?: IdempotencyKey,
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
        await tx('idempotency_keys').insert({
          actor: input.requestedBy,
          operation: OPERATION,
          key: key.key,
          request_hash: key.requestHash,
          resource_id: id,
          created_at: now,
        });
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

  async list(filter: { state?: ChangeRequestState; limit: number }) {
    const query = this.db<Row>('change_requests')
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(filter.limit);
    if (filter.state) query.where({ state: filter.state });
    return (await query).map(row => ({ ...summary(row), transitions: [] }));
  }

  /**
   * Moves a change request from one of `from` to `to`; the compare-and-set on
   * the state makes concurrent approvals or merges on several replicas safe.
   */
  async transition(
    id: string,
    change: {
      from: ChangeRequestState[];
      to: ChangeRequestState;
      actor: string;
      reason: string;
      approvedBy?: string;
      mergedSha?: string;
      checks?: CheckResult[];
    },
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
