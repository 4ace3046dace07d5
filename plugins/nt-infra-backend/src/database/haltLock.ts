import { ConflictError } from '@backstage/errors';
import { Knex } from 'knex';

/** Any fixed key: the advisory lock names the halt-all switch, not a row. */
const HALT_LOCK_KEY = 0x6e74_6861;

/** A transition refused because halt-all is engaged (checked under the switch's lock). */
export class HaltEngagedError extends ConflictError {
  constructor() {
    super('halt-all is engaged');
  }
}

/**
 * Serialises pulling the halt-all switch with a run's start. On PostgreSQL
 * a start holds the lock shared and a halt takes it exclusively, so a start
 * either commits before the halt is stamped or reads the engaged switch
 * after it; replicas race otherwise. SQLite runs one transaction at a time.
 */
export async function lockHaltSwitch(
  tx: Knex.Transaction,
  mode: 'shared' | 'exclusive',
): Promise<void> {
  if (tx.client.config.client !== 'pg') return;
  await tx.raw(
    mode === 'shared'
      ? 'SELECT pg_advisory_xact_lock_shared(?)'
      : 'SELECT pg_advisory_xact_lock(?)',
    [HALT_LOCK_KEY],
  );
}
