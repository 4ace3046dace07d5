import {
  ChangeRequest,
  ChangeRequestState,
  CheckResult,
} from '@internal/plugin-nt-infra-common';
import { IdempotencyKey } from './IdempotencyStore';

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

/** A change request's idempotency key; the store names the operation. */
export type ChangeIdempotencyKey = Omit<IdempotencyKey, 'operation'>;

export interface ChangeTransition {
  /** The transition only happens from one of these states. */
  from: ChangeRequestState[];
  to: ChangeRequestState;
  actor: string;
  reason: string;
  approvedBy?: string;
  mergedSha?: string;
  checks?: CheckResult[];
}

export interface ChangeRequestPage {
  /** Summaries: their `transitions` are left empty. */
  items: ChangeRequest[];
  /** Pass back as `cursor` for the next page; absent on the last page. */
  nextCursor?: string;
}

/** GitOps change requests with their transitions. */
export interface ChangeRequestStore {
  /**
   * The change request an earlier call with this key created, if any.
   * Throws ConflictError when the key was used for another request.
   */
  findByIdempotencyKey(
    actor: string,
    key: ChangeIdempotencyKey,
  ): Promise<ChangeRequest | undefined>;
  /** Opens a change request, recording `key` in the same transaction. */
  create(
    input: NewChangeRequest,
    key?: ChangeIdempotencyKey,
    at?: Date,
  ): Promise<ChangeRequest>;
  get(id: string): Promise<ChangeRequest | undefined>;
  /** Newest first, keyset-paginated over (created_at, id). */
  list(filter: {
    state?: ChangeRequestState;
    limit: number;
    cursor?: string;
  }): Promise<ChangeRequestPage>;
  /**
   * Moves a change request from one of `from` to `to`; the compare-and-set on
   * the state makes concurrent approvals or merges on several replicas safe.
   * Throws ConflictError when it is in another state.
   */
  transition(
    id: string,
    change: ChangeTransition,
    at?: Date,
  ): Promise<ChangeRequest>;
}
