import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { Alert, Flex, Text } from '@backstage/ui';
import {
  HaltState,
  haltPermission,
  ntInfraSignalChannels,
} from '@internal/plugin-nt-infra-common';
import { useCallback, useState } from 'react';
import { HaltResult, ntInfraApiRef } from '../../api';
import { LIVE_POLL_INTERVAL_MS } from '../../hooks/useRegions';
import { useLive } from '../../hooks/useLive';
import { errorMessage } from '../../lib/errors';
import { formatTime } from '../../lib/runs';
import { ReasonForm } from '../ReasonForm';

/**
 * The halt-all switch, on the page where faults are started. Its state is
 * live (the halt signal, or a poll without signals), because someone else
 * may pull it mid-run; while it is engaged the banner says who, why and
 * since when.
 * The controls show only to people allowed to use them; the backend
 * enforces the permission regardless.
 */
export function HaltControl() {
  const api = useApi(ntInfraApiRef);
  const { allowed } = usePermission({ permission: haltPermission });
  const [result, setResult] = useState<HaltResult>();
  // The switch's answer to our own change, shown until the next read is newer.
  const [changed, setChanged] = useState<{ state: HaltState; at: number }>();
  const load = useCallback(() => api.getHalt(), [api]);
  const halt = useLive(load, {
    channel: ntInfraSignalChannels.halt,
    intervalMs: LIVE_POLL_INTERVAL_MS,
  });
  const state =
    changed && (halt.loadedAt ?? 0) < changed.at ? changed.state : halt.value;

  const engage = async (reason: string) => {
    const engaged = await api.engageHalt(reason);
    setResult(engaged);
    setChanged({ state: engaged, at: Date.now() });
  };
  const release = async (reason: string) => {
    setChanged({ state: await api.releaseHalt(reason), at: Date.now() });
    setResult(undefined);
  };

  return (
    <section aria-label="Halt all">
      <Flex direction="column" gap="2">
        {state?.engaged ? (
          <Alert
            role="alert"
            status="danger"
            icon
            title={`Halt-all engaged by ${state.changedBy ?? 'unknown'}: ${
              state.reason ?? 'no reason given'
            }`}
            description={`Since ${formatTime(
              state.changedAt,
            )}. No chaos run can start; active runs are stopped and their faults removed.`}
          />
        ) : null}
        {halt.error ? (
          <Text variant="body-small" color="danger">
            Halt state unknown: {errorMessage(halt.error)}
          </Text>
        ) : null}
        {result ? <SweepReport result={result} /> : null}
        {allowed && state ? (
          <div>
            {state.engaged ? (
              <ReasonForm
                action="Release halt"
                confirm="Release halt"
                fieldLabel="Why is it safe to resume?"
                onSubmit={release}
              />
            ) : (
              <ReasonForm
                action="Halt all chaos"
                confirm="Halt everything now"
                fieldLabel="Why halt?"
                destructive
                onSubmit={engage}
              />
            )}
          </div>
        ) : null}
      </Flex>
    </section>
  );
}

/** What the sweep did: removals are good news, failures need a human. */
function SweepReport(props: { result: HaltResult }) {
  const removed = props.result.removed ?? [];
  const failed = props.result.failed ?? [];
  return (
    <Alert
      status={failed.length > 0 ? 'warning' : 'success'}
      title={`Removed ${removed.length} fault(s).${
        failed.length > 0
          ? ` ${failed.length} cluster(s) failed and will be retried.`
          : ''
      }`}
      description={
        failed.length > 0
          ? failed.map(f => `${f.cluster}: ${f.error}`).join('; ')
          : removed
              .map(r => `${r.cluster} ${r.kind} ${r.namespace}/${r.name}`)
              .join('; ') || undefined
      }
    />
  );
}
