import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { Flex, Link, Text } from '@backstage/ui';
import {
  ChangeDelivery,
  TargetDelivery,
} from '@internal/plugin-nt-infra-common';
import { useCallback } from 'react';
import { ntInfraApiRef } from '../../api';
import { LIVE_POLL_INTERVAL_MS } from '../../hooks/useRegions';
import { usePolling } from '../../hooks/usePolling';
import { localiseInstants } from '../../lib/errors';
import forms from '../../lib/forms.module.css';
import { formatTime } from '../../lib/runs';
import table from '../../lib/table.module.css';
import { RefreshStatus } from '../RefreshStatus';
import { StatusBadge } from '../StatusBadge';
import {
  deliveryStateLabel,
  deliveryStateTone,
  shortSha,
  sourceName,
} from './deliveryStates';

/** Nothing more will change once every target has it. */
function delivered(value: ChangeDelivery): boolean {
  return (
    value.targets.length > 0 && value.targets.every(t => t.state === 'applied')
  );
}

function TargetRow(props: { target: TargetDelivery }) {
  const { target } = props;
  return (
    <tr>
      <td>{target.environment}</td>
      <td>{target.region}</td>
      <td>
        <Flex direction="column" gap="1">
          <StatusBadge tone={deliveryStateTone[target.state]} label="Delivery">
            {deliveryStateLabel[target.state]}
          </StatusBadge>
          {target.reason ? (
            <Text variant="body-x-small" color="secondary">
              {localiseInstants(target.reason)}
            </Text>
          ) : null}
        </Flex>
      </td>
      <td>
        <Flex direction="column" gap="1">
          {target.sources.map(s => (
            <Text
              key={s.source}
              variant="body-small"
              className={forms.mono}
              title={s.revision}
            >
              {sourceName[s.source]}: {shortSha(s.revision)}
              {s.syncStatus ? ` · ${s.syncStatus}` : ''}
              {s.healthStatus ? ` · ${s.healthStatus}` : ''}
            </Text>
          ))}
        </Flex>
      </td>
      <td className={table.numeric}>
        {target.sources.map(s => (
          <Text key={s.source} variant="body-small">
            {formatTime(s.deliveredAt ?? s.startedAt)}
          </Text>
        ))}
      </td>
      <td>
        {target.sources.map(s =>
          s.url ? (
            <Link key={s.source} href={s.url} target="_blank">
              {sourceName[s.source]}
            </Link>
          ) : null,
        )}
      </td>
    </tr>
  );
}

/**
 * Where a merged change stands on each environment × region: applied,
 * applying, held at the production gate, failed, or unknown when a source
 * could not be read. Live until every target has it.
 */
export function DeliveryStatus(props: { changeRequestId: string }) {
  const { changeRequestId } = props;
  const api = useApi(ntInfraApiRef);
  const load = useCallback(
    () => api.getChangeDelivery(changeRequestId),
    [api, changeRequestId],
  );
  const polled = usePolling(load, LIVE_POLL_INTERVAL_MS, { until: delivered });

  let body;
  if (polled.loading) {
    body = <Progress />;
  } else if (!polled.value) {
    body = (
      <ResponseErrorPanel error={polled.error ?? new Error('No delivery')} />
    );
  } else if (polled.value.targets.length === 0) {
    body = (
      <Text color="secondary">
        {polled.value.mergedSha
          ? 'No delivery source is configured for this portal.'
          : 'Delivery starts once the change is merged.'}
      </Text>
    );
  } else {
    const value = polled.value;
    body = (
      <Flex direction="column" gap="2">
        <Text variant="body-small" color="secondary">
          Merge commit{' '}
          <span className={forms.mono}>{shortSha(value.mergedSha)}</span>
          {value.mergedAt ? ` · merged ${formatTime(value.mergedAt)}` : ''}
          {delivered(value) ? ' · delivered everywhere' : ''}
        </Text>
        <table className={table.table} aria-label="Delivery by target">
          <thead>
            <tr>
              <th>Environment</th>
              <th>Region</th>
              <th>State</th>
              <th>Revision</th>
              <th>Time</th>
              <th>Link</th>
            </tr>
          </thead>
          <tbody>
            {value.targets.map(t => (
              <TargetRow key={`${t.environment}/${t.region}`} target={t} />
            ))}
          </tbody>
        </table>
        {delivered(value) ? null : (
          <RefreshStatus
            polled={polled}
            what="delivery"
            intervalMs={LIVE_POLL_INTERVAL_MS}
          />
        )}
      </Flex>
    );
  }

  return (
    <section aria-label="Delivery">
      <Flex direction="column" gap="2">
        <Text as="h4" variant="title-x-small">
          Delivery
        </Text>
        {body}
      </Flex>
    </section>
  );
}
