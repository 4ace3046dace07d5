import { Card, CardBody, CardHeader, Flex, Text } from '@backstage/ui';
import {
  EnvironmentName,
  RegionHealth,
  SloState,
  WorkloadReadiness,
} from '@internal/plugin-nt-infra-common';
import { ReactNode } from 'react';
import { formatPercent } from '../../lib/format';
import { monitorStatusTone, Tone, verdictTone } from '../../lib/tones';
import { AzurePortalLink } from '../AzurePortalLink';
import { GrafanaLink } from '../GrafanaLink';
import { ObservedStatus } from '../ObservedStatus';
import { ServingMarker } from '../RegionSummaryTable';
import { StatusBadge } from '../StatusBadge';
import styles from './RegionPanel.module.css';
import { SliSection } from './SliSection';

function Section(props: {
  title: string;
  status: ReactNode;
  label: string;
  children?: ReactNode;
}) {
  return (
    <section className={styles.section} aria-label={props.label}>
      <div className={styles.sectionTitle}>
        <Text as="h5" variant="body-medium" weight="bold">
          {props.title}
        </Text>
        {props.status}
      </div>
      {props.children}
    </section>
  );
}

/** The 30-day window the SLO dashboard's remaining budget is computed over. */
const SLO_WINDOW_MS = 30 * 24 * 3_600_000;

function readinessTone(ready: number, desired: number): Tone {
  if (ready >= desired) {
    return 'success';
  }
  return ready === 0 ? 'danger' : 'warning';
}

function budgetTone(slo: SloState): Tone {
  const left = slo.errorBudgetRemaining;
  if (slo.exhausted) {
    return 'danger';
  }
  if (left === undefined) {
    return 'neutral';
  }
  if (left <= 0.2) {
    return 'danger';
  }
  return left <= 0.5 ? 'warning' : 'success';
}

function Workload(props: { workload: WorkloadReadiness }) {
  const { namespace, name, readyReplicas, desiredReplicas } = props.workload;
  return (
    <li>
      <code>
        {namespace}/{name}
      </code>{' '}
      <StatusBadge tone={readinessTone(readyReplicas, desiredReplicas)}>
        {readyReplicas}/{desiredReplicas} ready
      </StatusBadge>
    </li>
  );
}

/**
 * Everything about one region: the verdict and why, what Traffic Manager
 * thinks of it, its cluster, its SLIs with the last hour, and the SLO budget.
 */
export function RegionPanel(props: {
  environment: EnvironmentName;
  region: RegionHealth;
}) {
  const { environment, region } = props;
  const endpoint = region.endpoint.value;
  const readiness = region.readiness.value;
  const slo = region.slo.value;

  return (
    <Card aria-label={`Region ${region.displayName}`}>
      <CardHeader>
        <Flex direction="column" gap="2">
          <Flex justify="between" align="center" gap="2">
            <Text as="h4" variant="title-x-small">
              {region.displayName} <code>{region.name}</code> · {region.role}
            </Text>
            {region.serving ? <ServingMarker /> : null}
          </Flex>
          <Flex align="center" gap="2">
            <StatusBadge
              tone={verdictTone[region.verdict]}
              label="Verdict"
              strong
            >
              {region.verdict}
            </StatusBadge>
          </Flex>
          {region.reasons.length > 0 ? (
            <ul className={styles.list} aria-label="Reasons">
              {region.reasons.map(reason => (
                <li key={reason}>
                  <Text variant="body-small">{reason}</Text>
                </li>
              ))}
            </ul>
          ) : null}
        </Flex>
      </CardHeader>
      <CardBody>
        <Flex direction="column" gap="3">
          <Section
            title="Traffic Manager endpoint"
            label={`Traffic Manager endpoint ${region.displayName}`}
            status={
              <ObservedStatus
                observed={region.endpoint}
                source="Traffic Manager endpoint"
              />
            }
          >
            {endpoint ? (
              <Flex gap="2" align="center">
                <StatusBadge
                  tone={
                    endpoint.endpointStatus === 'Enabled'
                      ? 'neutral'
                      : 'warning'
                  }
                >
                  {endpoint.endpointStatus}
                </StatusBadge>
                <StatusBadge
                  tone={monitorStatusTone(endpoint.endpointMonitorStatus)}
                >
                  monitor {endpoint.endpointMonitorStatus ?? 'unknown'}
                </StatusBadge>
                {endpoint.priority !== undefined ? (
                  <Text variant="body-small">priority {endpoint.priority}</Text>
                ) : null}
              </Flex>
            ) : null}
          </Section>

          <Section
            title={`Cluster ${region.cluster}`}
            label={`Cluster ${region.displayName}`}
            status={
              <ObservedStatus observed={region.readiness} source="Cluster" />
            }
          >
            {readiness ? (
              <>
                <Text variant="body-small">
                  Pods ready{' '}
                  <StatusBadge
                    tone={readinessTone(
                      readiness.pods.ready,
                      readiness.pods.total,
                    )}
                  >
                    {readiness.pods.ready}/{readiness.pods.total}
                  </StatusBadge>
                </Text>
                <ul className={styles.list} aria-label="Workloads">
                  {readiness.workloads.map(w => (
                    <Workload key={`${w.namespace}/${w.name}`} workload={w} />
                  ))}
                </ul>
              </>
            ) : null}
            {region.clusterResourceId ? (
              <AzurePortalLink
                resourceId={region.clusterResourceId}
                what={`AKS cluster ${region.cluster}`}
              />
            ) : null}
          </Section>

          <SliSection environment={environment} region={region} />

          <Section
            title="SLO"
            label={`SLO ${region.displayName}`}
            status={<ObservedStatus observed={region.slo} source="SLO" />}
          >
            {slo ? <SloBudget slo={slo} /> : null}
            <GrafanaLink
              dashboard="slo"
              environment={environment}
              regions={[region.metricsRegion]}
              from={Date.now() - SLO_WINDOW_MS}
              to="now"
            />
          </Section>
        </Flex>
      </CardBody>
    </Card>
  );
}

function SloBudget(props: { slo: SloState }) {
  const { slo } = props;
  const left = slo.errorBudgetRemaining;
  const tone = budgetTone(slo);
  const width = Math.max(0, Math.min(1, left ?? 0)) * 100;
  return (
    <Flex direction="column" gap="1">
      <Flex gap="2" align="center">
        <Text variant="body-small">
          Objective {formatPercent(slo.objective, 1)} · error budget left{' '}
          <strong>{formatPercent(left, 0)}</strong>
        </Text>
        {slo.exhausted ? (
          <StatusBadge tone="danger">
            budget exhausted: experiments blocked
          </StatusBadge>
        ) : null}
      </Flex>
      <div className={styles.budgetBar} aria-hidden="true">
        <div
          className={styles.budgetFill}
          data-tone={tone}
          style={{ width: `${width}%` }}
        />
      </div>
    </Flex>
  );
}
