import {
  ChaosWindow,
  ntInfraSignalChannels,
} from '@internal/plugin-nt-infra-common';
import {
  CoveringWindowQuery,
  NewWindow,
  WindowDecisionRequest,
  WindowFilter,
  WindowPage,
  WindowStore,
} from '../database/WindowStore';
import { SignalPublisher } from './SignalPublisher';

/** The window store, publishing every request, decision, cancellation and expiry once committed. */
export class SignallingWindowStore implements WindowStore {
  constructor(
    private readonly store: WindowStore,
    private readonly publisher: SignalPublisher,
  ) {}

  async create(window: NewWindow, at?: Date): Promise<ChaosWindow> {
    return this.published(await this.store.create(window, at));
  }

  async decide(
    id: string,
    decision: WindowDecisionRequest,
    at?: Date,
  ): Promise<ChaosWindow> {
    return this.published(await this.store.decide(id, decision, at));
  }

  async cancel(id: string, at?: Date): Promise<ChaosWindow> {
    return this.published(await this.store.cancel(id, at));
  }

  async expireDue(now: Date): Promise<ChaosWindow[]> {
    const expired = await this.store.expireDue(now);
    expired.forEach(window => this.published(window));
    return expired;
  }

  get(id: string): Promise<ChaosWindow | undefined> {
    return this.store.get(id);
  }

  list(
    filter: WindowFilter,
    page: { limit: number; cursor?: string },
  ): Promise<WindowPage> {
    return this.store.list(filter, page);
  }

  findApprovedOverlaps(
    window: Parameters<WindowStore['findApprovedOverlaps']>[0],
  ): Promise<ChaosWindow[]> {
    return this.store.findApprovedOverlaps(window);
  }

  findCoveringWindow(
    query: CoveringWindowQuery,
  ): Promise<ChaosWindow | undefined> {
    return this.store.findCoveringWindow(query);
  }

  private published(window: ChaosWindow): ChaosWindow {
    this.publisher.publish([ntInfraSignalChannels.windows], {
      type: 'window',
      id: window.id,
      state: window.state,
      at: new Date().toISOString(),
    });
    return window;
  }
}
