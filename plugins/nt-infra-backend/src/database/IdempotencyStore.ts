import { ConflictError } from '@backstage/errors';
import { Knex } from 'knex';

/** The same request sent twice (same actor, operation and key) yields the same resource. */
export interface IdempotencyKey {
  key: string;
  /** What the key was used for, e.g. `chaos.run`; keys of different operations never clash. */
  operation: string;
  /** Hash of the request body: the same key with another body is a conflict. */
  requestHash: string;
}

/**
 * The `idempotency_keys` table: which resource a keyed request created.
 * Each store records its key in the transaction that creates the resource,
 * so a key never names a resource that was rolled back.
 */
export class DatabaseIdempotencyStore {
  constructor(private readonly db: Knex) {}

  /**
   * The id of the resource an earlier request with this key created, or
   * undefined. Throws ConflictError when the key was used for another body.
   * `tx` reads inside the caller's transaction.
   */
  async find(
    actor: string,
    key: IdempotencyKey,
    tx: Knex = this.db,
  ): Promise<string | undefined> {
    const row = await tx('idempotency_keys')
      .where({ actor, operation: key.operation, key: key.key })
      .first();
    if (!row) return undefined;
    if (row.request_hash !== key.requestHash) {
      throw new ConflictError(
        `Idempotency key '${key.key}' was already used for a different request`,
      );
    }
    return row.resource_id as string;
  }

  /** Records that `resourceId` answers this key; inside the transaction creating it. */
  async record(
    tx: Knex,
    actor: string,
    key: IdempotencyKey,
    resourceId: string,
    at: number,
  ): Promise<void> {
    await tx('idempotency_keys').insert({
      actor,
      operation: key.operation,
      key: key.key,
      request_hash: key.requestHash,
      resource_id: resourceId,
      created_at: at,
    });
  }
}
