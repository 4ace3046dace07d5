import { useApi } from '@backstage/core-plugin-api';
import {
  FailoverTestView,
  ntInfraSignalChannels,
} from '@internal/plugin-nt-infra-common';
import { useCallback } from 'react';
import { ntInfraApiRef } from '../api';
import { isTerminal } from '../lib/runs';
import { useLive } from './useLive';
import { Polled } from './usePolling';

const ended = (view: FailoverTestView) => isTerminal(view.state);

/** A failover test with its measurements, followed live until it ends. */
export function useFailoverTest(
  id: string,
  pollMs: number,
): Polled<FailoverTestView> {
  const api = useApi(ntInfraApiRef);
  const load = useCallback(() => api.getFailoverTest(id), [api, id]);
  return useLive(load, {
    channel: ntInfraSignalChannels.run(id),
    intervalMs: pollMs,
    until: ended,
  });
}
