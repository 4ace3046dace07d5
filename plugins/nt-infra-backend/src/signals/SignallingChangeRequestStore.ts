import {
  ChangeRequest,
  ntInfraSignalChannels,
} from '@internal/plugin-nt-infra-common';
import {
  ChangeIdempotencyKey,
  ChangeRequestPage,
  ChangeRequestStore,
  ChangeTransition,
  NewChangeRequest,
} from '../database/ChangeRequestStore';
import { SignalPublisher } from './SignalPublisher';

/**
 * The change-request store, publishing every opened change and every
 * transition (approved, merged, closed) once committed.
 */
export class SignallingChangeRequestStore implements ChangeRequestStore {
  constructor(
    private readonly store: ChangeRequestStore,
    private readonly publisher: SignalPublisher,
  ) {}

  findByIdempotencyKey(
    actor: string,
    key: ChangeIdempotencyKey,
  ): Promise<ChangeRequest | undefined> {
    return this.store.findByIdempotencyKey(actor, key);
  }

  async create(
    input: NewChangeRequest,
    key?: ChangeIdempotencyKey,
    at?: Date,
  ): Promise<ChangeRequest> {
    return this.published(await this.store.create(input, key, at));
  }

  get(id: string): Promise<ChangeRequest | undefined> {
    return this.store.get(id);
  }

  list(
    filter: Parameters<ChangeRequestStore['list']>[0],
  ): Promise<ChangeRequestPage> {
    return this.store.list(filter);
  }

  async transition(
    id: string,
    change: ChangeTransition,
    at?: Date,
  ): Promise<ChangeRequest> {
    return this.published(await this.store.transition(id, change, at));
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
