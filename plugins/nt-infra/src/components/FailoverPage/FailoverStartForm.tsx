import { useApi } from '@backstage/core-plugin-api';
import { Button, Card, CardBody, Flex, Text, TextField } from '@backstage/ui';
import {
  EnvironmentHealth,
  EnvironmentName,
  PrimaryCutMethod,
} from '@internal/plugin-nt-infra-common';
import { useMemo, useState } from 'react';
import { ntInfraApiRef } from '../../api';
import forms from '../../lib/forms.module.css';
import { newIdempotencyKey } from '../../lib/runs';
import { BudgetCostNotice } from '../BudgetCostNotice';
import { ConfirmDialog } from '../ConfirmDialog';
import { SelectField } from '../SelectField';

const METHODS: ReadonlyArray<{ value: PrimaryCutMethod; label: string }> = [
  { value: 'disable-endpoint', label: 'Disable the Traffic Manager endpoint' },
  { value: 'unhealthy', label: 'Make the primary unhealthy (probes fail)' },
];

/** What the test will do, in the words the confirmation shows. */
export function describeFailover(
  from: string,
  to: string,
  method: PrimaryCutMethod,
  holdDown: string,
): string {
  const cut =
    method === 'disable-endpoint'
      ? `${from}'s Traffic Manager endpoint will be disabled; traffic moves to ${to}.`
      : `${from}'s serving pods will be made to fail until Traffic Manager's probes mark it Degraded; traffic moves to ${to}.`;
  const back = holdDown
    ? ` ${from} is given back once it has been healthy for ${holdDown} s.`
    : ' The hold-down is the backend default.';
  return cut + back;
}

/**
 * Starts a failover test. The primary region is chosen and the secondary is
 * whichever other region the environment has, as Traffic Manager's priority
 * routing would pick it; the confirmation states both before anything runs.
 */
export function FailoverStartForm(props: {
  environments: EnvironmentHealth[];
  onStarted: (id: string) => void;
}) {
  const api = useApi(ntInfraApiRef);
  const { environments, onStarted } = props;
  const [environment, setEnvironment] = useState<EnvironmentName>(
    environments.find(e => e.name === 'staging')?.name ??
      environments[0]?.name ??
      'staging',
  );
  const env = environments.find(e => e.name === environment);
  const regions = useMemo(() => env?.regions ?? [], [env]);
  const [fromRegion, setFromRegion] = useState(regions[0]?.name ?? '');
  const [method, setMethod] = useState<PrimaryCutMethod>('disable-endpoint');
  const [holdDown, setHoldDown] = useState('');
  const [confirming, setConfirming] = useState(false);
  // One key per confirmed intent: a retry of the same confirmation is the same test.
  const [key, setKey] = useState(newIdempotencyKey);

  const from = regions.find(r => r.name === fromRegion) ?? regions[0];
  const to = regions.find(r => r.name !== from?.name);
  const holdDownValid = holdDown === '' || /^\d{1,4}$/.test(holdDown);

  const request = {
    environment,
    fromRegion: from?.name ?? '',
    method,
    ...(holdDown !== '' ? { holdDownSeconds: Number(holdDown) } : {}),
  };

  const start = async () => {
    if (!from) return;
    const view = await api.startFailoverTest(request, key);
    setKey(newIdempotencyKey());
    onStarted(view.id);
  };

  return (
    <Card>
      <CardBody>
        <section aria-label="Start a failover test">
          <Flex direction="column" gap="3">
            <Text as="h3" variant="title-small">
              Start a failover test
            </Text>
            <div className={forms.grid}>
              <SelectField
                label="Environment"
                value={environment}
                options={environments.map(e => ({
                  value: e.name,
                  label: e.name,
                }))}
                onChange={value => {
                  setEnvironment(value);
                  const next = environments.find(e => e.name === value);
                  setFromRegion(next?.regions[0]?.name ?? '');
                }}
              />
              <SelectField
                label="Primary region (taken out)"
                value={from?.name ?? ''}
                options={regions.map(r => ({
                  value: r.name,
                  label: `${r.displayName} (${r.role})`,
                }))}
                onChange={setFromRegion}
              />
              <SelectField
                label="Method"
                value={method}
                options={METHODS}
                onChange={setMethod}
              />
              <TextField
                label="Hold-down (s)"
                description="How long the primary must be healthy before it is given back; empty for the default"
                value={holdDown}
                onChange={setHoldDown}
                size="small"
              />
            </div>
            {!holdDownValid ? (
              <Text variant="body-small" color="danger">
                Hold-down must be a whole number of seconds (0–3600).
              </Text>
            ) : null}
            <div>
              <Button
                isDisabled={!from || !to || !holdDownValid}
                onPress={() => setConfirming(true)}
              >
                Start failover test…
              </Button>
            </div>
          </Flex>
        </section>
        {from && to ? (
          <ConfirmDialog
            isOpen={confirming}
            title={`Fail ${environment} over from ${from.displayName}?`}
            confirm="Start failover test"
            destructive
            onConfirm={start}
            onClose={() => setConfirming(false)}
          >
            <Text>
              {describeFailover(
                from.displayName,
                to.displayName,
                method,
                holdDown,
              )}
            </Text>
            {confirming ? (
              <BudgetCostNotice
                load={() => api.previewFailoverTest(request)}
                deps={[api, environment, from.name, method, holdDown]}
              />
            ) : null}
          </ConfirmDialog>
        ) : null}
      </CardBody>
    </Card>
  );
}
