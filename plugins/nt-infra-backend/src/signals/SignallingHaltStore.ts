import { ntInfraSignalChannels } from '@internal/plugin-nt-infra-common';
import { Knex } from 'knex';
import { HaltState, HaltStore } from '../database/HaltStore';
import { SignalPublisher } from './SignalPublisher';

/** The halt-all switch, publishing each change once it is committed: every open page shows it at once. */
export class SignallingHaltStore extends HaltStore {
  constructor(db: Knex, private readonly publisher: SignalPublisher) {
    super(db);
  }

  async set(
    engaged: boolean,
    actor: string,
    reason: string,
  ): Promise<HaltState> {
    const state = await super.set(engaged, actor, reason);
    this.publisher.publish([ntInfraSignalChannels.halt], {
      type: 'halt',
      engaged: state.engaged,
      at: new Date().toISOString(),
    });
    return state;
  }
}
