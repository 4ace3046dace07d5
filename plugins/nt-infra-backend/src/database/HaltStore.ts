import { Knex } from 'knex';
import { lockHaltSwitch } from './haltLock';

export interface HaltState {
  engaged: boolean;
  changedBy?: string;
  reason?: string;
  changedAt?: string;
}

export const HALT_SWITCH_ID = 'global';

/** The halt-all switch, shared by every replica through the database. */
export class HaltStore {
  constructor(private readonly db: Knex) {}

  async get(): Promise<HaltState> {
    const row = await this.db('halt_switch')
      .where({ id: HALT_SWITCH_ID })
      .first();
    if (!row) {
      return { engaged: false };
    }
    return {
      engaged: Boolean(row.engaged),
      changedBy: row.changed_by,
      reason: row.reason,
      changedAt: new Date(Number(row.changed_at)).toISOString(),
    };
  }

  /** Whether the switch is engaged now (the run policy's halt port). */
  async engaged(): Promise<boolean> {
    return (await this.get()).engaged;
  }

  async set(
    engaged: boolean,
    actor: string,
    reason: string,
  ): Promise<HaltState> {
    await this.db.transaction(async tx => {
      await lockHaltSwitch(tx, 'exclusive');
      // Stamped under the lock: every start that got in first is earlier.
      const row = {
        id: HALT_SWITCH_ID,
        engaged,
        changed_by: actor,
        reason,
        changed_at: Date.now(),
      };
      await tx('halt_switch').insert(row).onConflict('id').merge();
    });
    return this.get();
  }
}
