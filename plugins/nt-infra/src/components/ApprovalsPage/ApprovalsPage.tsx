import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { Alert, Container, Flex, Text } from '@backstage/ui';
import {
  chaosApprovePermission,
  ChaosWindow,
} from '@internal/plugin-nt-infra-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { ntInfraApiRef } from '../../api';
import { errorMessage } from '../../lib/errors';
import forms from '../../lib/forms.module.css';
import { ReasonForm } from '../ReasonForm';
import { WindowCard } from './WindowCard';
import { WindowRequestForm } from './WindowRequestForm';
import { useProductionWindows } from '../../hooks/useProductionWindows';

/**
 * Production chaos windows: ask for one, decide on others', see what is
 * approved. Four eyes: the requester cannot approve their own window. The
 * page says so up front instead of letting them hit the server's 403.
 */
export function ApprovalsPage() {
  const api = useApi(ntInfraApiRef);
  const identityApi = useApi(identityApiRef);
  const { allowed: mayApprove } = usePermission({
    permission: chaosApprovePermission,
  });
  const [version, setVersion] = useState(0);
  const reload = () => setVersion(v => v + 1);

  const setup = useAsync(async () => {
    const [library, regions, identity] = await Promise.all([
      api.getExperiments(),
      api.getRegions({ environment: 'production' }),
      identityApi.getBackstageIdentity(),
    ]);
    return {
      experiments: library.items.filter(e => e.environment === 'production'),
      regions:
        regions.environments
          .find(e => e.name === 'production')
          ?.regions.map(r => r.name) ?? [],
      me: identity.userEntityRef,
    };
  }, [api, identityApi]);

  const windows = useProductionWindows(version);

  if (setup.loading) {
    return <Progress />;
  }
  if (!setup.value) {
    return <ResponseErrorPanel error={setup.error ?? new Error('No data')} />;
  }
  const { experiments, regions, me } = setup.value;
  const titles = Object.fromEntries(experiments.map(e => [e.id, e.title]));

  const decide = (w: ChaosWindow) => {
    if (w.requestedBy === me) {
      return (
        <Alert
          status="info"
          title="You requested this window, so you cannot approve it."
          description="Another approver must decide; you can still cancel it."
        />
      );
    }
    if (!mayApprove) {
      return null;
    }
    return (
      <div className={forms.inline}>
        <ReasonForm
          action="Approve"
          confirm="Approve window"
          fieldLabel="Approval comment"
          onSubmit={async comment => {
            await api.approveWindow(w.id, comment);
            reload();
          }}
        />
        <ReasonForm
          action="Reject"
          confirm="Reject window"
          fieldLabel="Why reject?"
          destructive
          onSubmit={async comment => {
            await api.rejectWindow(w.id, comment);
            reload();
          }}
        />
      </div>
    );
  };

  const cancel = (w: ChaosWindow) => (
    <ReasonForm
      action="Cancel window"
      confirm="Cancel window"
      fieldLabel="Reason (optional)"
      required={false}
      onSubmit={async reason => {
        await api.cancelWindow(w.id, reason || undefined);
        reload();
      }}
    />
  );

  return (
    <Container my="4">
      <Flex direction="column" gap="5">
        {windows.error ? (
          <Alert
            role="alert"
            status="danger"
            title={`Windows unavailable: ${errorMessage(windows.error)}`}
          />
        ) : null}
        <section aria-label="Awaiting decision">
          <Flex direction="column" gap="3">
            <Text as="h3" variant="title-x-small">
              Awaiting decision
            </Text>
            {windows.value?.requested.length === 0 ? (
              <Text color="secondary">
                No window is waiting for a decision.
              </Text>
            ) : null}
            {windows.value?.requested.map(w => (
              <WindowCard key={w.id} window={w} experimentTitles={titles}>
                {decide(w)}
                {w.requestedBy === me ? cancel(w) : null}
              </WindowCard>
            ))}
          </Flex>
        </section>
        <section aria-label="Approved windows">
          <Flex direction="column" gap="3">
            <Text as="h3" variant="title-x-small">
              Approved, current and upcoming
            </Text>
            {windows.value?.approved.length === 0 ? (
              <Text color="secondary">No approved window ahead.</Text>
            ) : null}
            {windows.value?.approved.map(w => (
              <WindowCard key={w.id} window={w} experimentTitles={titles}>
                {cancel(w)}
              </WindowCard>
            ))}
          </Flex>
        </section>
        <WindowRequestForm
          experiments={experiments}
          regions={regions}
          onRequested={reload}
        />
      </Flex>
    </Container>
  );
}
