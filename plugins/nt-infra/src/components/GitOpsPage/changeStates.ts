import { ChangeRequestState } from '../../api';
import { Tone } from '../../lib/tones';

export const changeStateTone: Record<ChangeRequestState, Tone> = {
  open: 'info',
  approved: 'warning',
  merged: 'success',
  closed: 'neutral',
};
