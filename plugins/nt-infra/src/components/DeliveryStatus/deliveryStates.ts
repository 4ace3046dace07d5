import {
  DeliveryState,
  SourceDelivery,
  TargetRevision,
} from '@internal/plugin-nt-infra-common';
import { Tone } from '../../lib/tones';

export const deliveryStateTone: Record<DeliveryState, Tone> = {
  applied: 'success',
  applying: 'info',
  pending: 'neutral',
  'awaiting-approval': 'warning',
  failed: 'danger',
  unknown: 'neutral',
};

export const deliveryStateLabel: Record<DeliveryState, string> = {
  applied: 'applied',
  applying: 'applying',
  pending: 'pending',
  'awaiting-approval': 'awaiting approval',
  failed: 'failed',
  unknown: 'unknown',
};

export const revisionStateTone: Record<TargetRevision['state'], Tone> = {
  current: 'success',
  behind: 'warning',
  unknown: 'neutral',
};

export const sourceName: Record<SourceDelivery['source'], string> = {
  argocd: 'Argo CD',
  'github-actions': 'GitHub Actions',
};

/** Commit ids are shown short, like git does. */
export function shortSha(sha: string | undefined): string {
  return sha ? sha.slice(0, 10) : '—';
}
