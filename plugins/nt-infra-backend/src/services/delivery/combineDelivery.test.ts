import { SourceDelivery } from '@internal/plugin-nt-infra-common';
import { combineDelivery } from './combineDelivery';

const argo = (state: SourceDelivery['state'], reason?: string) =>
  ({ source: 'argocd', state, reason } as SourceDelivery);
const actions = (state: SourceDelivery['state'], reason?: string) =>
  ({ source: 'github-actions', state, reason } as SourceDelivery);

describe('combineDelivery', () => {
  it('says applied only when every source does', () => {
    expect(combineDelivery([argo('applied'), actions('applied')]).state).toBe(
      'applied',
    );
    expect(
      combineDelivery([argo('applied'), actions('awaiting-approval', 'gate')]),
    ).toEqual({ state: 'awaiting-approval', reason: 'gate' });
  });

  it('never lets an unreadable source look applied', () => {
    expect(
      combineDelivery([
        argo('unknown', 'Argo CD answered 503'),
        actions('applied'),
      ]),
    ).toEqual({ state: 'unknown', reason: 'Argo CD answered 503' });
    expect(combineDelivery([]).state).toBe('unknown');
  });

  it('puts a failure before everything else', () => {
    expect(
      combineDelivery([
        argo('unknown', 'x'),
        actions('failed', 'apply failed'),
      ]),
    ).toEqual({ state: 'failed', reason: 'apply failed' });
  });
});
