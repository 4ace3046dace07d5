import { RunDetail } from '@internal/plugin-nt-infra-common';

/**
 * The approved window a production run was admitted in, as its params carry
 * it (`windowId`, `windowEndsAt`); chaos runs and failover tests both do.
 */
export interface RunWindow {
  id: string;
  endsAt: string;
}

export function runWindowOf(run: RunDetail): RunWindow | undefined {
  const params = run.params as { windowId?: unknown; windowEndsAt?: unknown };
  if (
    typeof params.windowId === 'string' &&
    typeof params.windowEndsAt === 'string'
  ) {
    return { id: params.windowId, endsAt: params.windowEndsAt };
  }
  return undefined;
}
