import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Card, CardBody, CardHeader, Flex, Link, Text } from '@backstage/ui';
import {
  DeliverySummary,
  TargetRevision,
} from '@internal/plugin-nt-infra-common';
import { useCallback } from 'react';
import { NtInfraApi, ntInfraApiRef } from '../../api';
import { LIVE_POLL_INTERVAL_MS } from '../../hooks/useRegions';
import { usePolling } from '../../hooks/usePolling';
import { localiseInstants } from '../../lib/errors';
import forms from '../../lib/forms.module.css';
import table from '../../lib/table.module.css';
import { readEntityInfraRefs } from '../EntityRegionsCard/entityAnnotations';
import { RefreshStatus } from '../RefreshStatus';
import { StatusBadge } from '../StatusBadge';
import {
  deliveryStateLabel,
  deliveryStateTone,
  revisionStateTone,
  shortSha,
  sourceName,
} from './deliveryStates';

const stateLabel: Record<TargetRevision['state'], string> = {
  current: 'runs main',
  behind: 'behind main',
  unknown: 'unknown',
};

interface CardData {
  summary: DeliverySummary;
  /** Nothing has gone through GitOps yet: no base branch and no change request. */
  pristine: boolean;
}

/**
 * The summary, and whether the portal has seen any change yet. A base branch
 * that cannot be read is the normal state of a fresh install (the local
 * remote is created by the first change request), not a delivery problem;
 * once a change request exists the same answer is a real failure.
 */
async function loadCardData(api: NtInfraApi): Promise<CardData> {
  const summary = await api.getDeliverySummary();
  if (summary.mainSha) return { summary, pristine: false };
  const changes = await api.getChanges();
  return { summary, pristine: changes.items.length === 0 };
}

/**
 * Entity page card: which commit each environment × region runs (of those the
 * entity's `nt-infra/regions` and `nt-infra/traffic-manager-profile`
 * annotations name, or all), and whether the head of main is delivered there.
 */
export function EntityDeliveryCard() {
  const { entity } = useEntity();
  const refs = readEntityInfraRefs(entity);
  const api = useApi(ntInfraApiRef);
  const load = useCallback(() => loadCardData(api), [api]);
  const polled = usePolling(load, LIVE_POLL_INTERVAL_MS);

  if (polled.loading) return <Progress />;
  if (!polled.value) {
    return <ResponseErrorPanel error={polled.error ?? new Error('No data')} />;
  }
  const { summary, pristine } = polled.value;
  if (pristine) {
    return (
      <Card aria-label="Delivery">
        <CardHeader>
          <Text as="h3" variant="title-small">
            Delivery
          </Text>
        </CardHeader>
        <CardBody>
          <Text color="secondary">
            Nothing delivered through GitOps yet. Once the first change request
            is opened (Infrastructure → GitOps), this card shows which commit
            each environment and region runs.
          </Text>
        </CardBody>
      </Card>
    );
  }
  const targets = summary.targets.filter(
    t =>
      (!refs.regions || refs.regions.includes(t.region)) &&
      (!refs.trafficManagerProfile ||
        t.trafficManagerProfile === refs.trafficManagerProfile),
  );
  const fully = targets.length > 0 && targets.every(t => t.state === 'current');

  return (
    <Card aria-label="Delivery">
      <CardHeader>
        <Flex align="center" justify="between" gap="2">
          <Text as="h3" variant="title-small">
            Delivery
          </Text>
          <StatusBadge tone={fully ? 'success' : 'warning'} label="Main">
            {fully ? 'main fully delivered' : 'main not fully delivered'}
          </StatusBadge>
        </Flex>
      </CardHeader>
      <CardBody>
        <Flex direction="column" gap="2">
          <Text variant="body-small" color="secondary">
            Head of main:{' '}
            <span className={forms.mono}>{shortSha(summary.mainSha)}</span>
          </Text>
          {targets.length === 0 ? (
            <Text color="secondary">
              No environment or region of this portal matches this entity.
            </Text>
          ) : (
            <table className={table.table} aria-label="Revision by target">
              <thead>
                <tr>
                  <th>Environment</th>
                  <th>Region</th>
                  <th>Runs</th>
                  <th>Sources</th>
                </tr>
              </thead>
              <tbody>
                {targets.map(t => (
                  <tr key={`${t.environment}/${t.region}`}>
                    <td>{t.environment}</td>
                    <td>{t.region}</td>
                    <td>
                      <Flex direction="column" gap="1">
                        <StatusBadge
                          tone={revisionStateTone[t.state]}
                          label="Revision"
                        >
                          {stateLabel[t.state]}
                        </StatusBadge>
                        {t.reason ? (
                          <Text variant="body-x-small" color="secondary">
                            {localiseInstants(t.reason)}
                          </Text>
                        ) : null}
                      </Flex>
                    </td>
                    <td>
                      <Flex direction="column" gap="1">
                        {t.sources.map(s => (
                          <Flex key={s.source} gap="2" align="center">
                            <Text
                              variant="body-small"
                              className={forms.mono}
                              title={s.revision}
                            >
                              {shortSha(s.revision)}
                            </Text>
                            <StatusBadge
                              tone={deliveryStateTone[s.state]}
                              label={sourceName[s.source]}
                            >
                              {deliveryStateLabel[s.state]}
                            </StatusBadge>
                            {s.url ? (
                              <Link href={s.url} target="_blank">
                                {sourceName[s.source]}
                              </Link>
                            ) : (
                              <Text variant="body-small">
                                {sourceName[s.source]}
                              </Text>
                            )}
                          </Flex>
                        ))}
                      </Flex>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <RefreshStatus
            polled={polled}
            what="delivery"
            intervalMs={LIVE_POLL_INTERVAL_MS}
          />
        </Flex>
      </CardBody>
    </Card>
  );
}
