import {
  ChangeRequest,
  ntInfraSignalChannels,
} from '@internal/plugin-nt-infra-common';
import { Knex } from 'knex';
import { ChangeRequestStore } from '../database/ChangeRequestStore';
import { SignalPublisher } from './SignalPublisher';

/**
 * The change-request store, publishing every opened change and every
 * transition (approved, merged, closed) once committed. A subclass rather
 * than a wrapper because the GitOps service takes the concrete store.
 */
export class SignallingChangeRequestStore extends ChangeRequestStore {
  constructor(db: Knex, private readonly publisher: SignalPublisher) {
    super(db);
  }

  override async create(
    ...args: Parameters<ChangeRequestStore['create']>
  ): Promise<ChangeRequest> {
    return this.published(await super.create(...args));
  }

  override async transition(
    ...args: Parameters<ChangeRequestStore['transition']>
  ): Promise<ChangeRequest> {
    return this.published(await super.transition(...args));
  }

  private published(change: ChangeRequest): ChangeRequest {
    this.publisher.publish([ntInfraSignalChannels.gitops], {
      type: 'change-request',
      id: change.id,
      state: change.state,
      at: new Date().toISOString(),
    });
    return change;
  }
}
