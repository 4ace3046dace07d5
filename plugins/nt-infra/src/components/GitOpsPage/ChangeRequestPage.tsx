import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { Alert, Button, Flex, Link, Text } from '@backstage/ui';
import {
  ChangeRequest,
  gitopsApprovePermission,
  gitopsCreatePermission,
} from '@internal/plugin-nt-infra-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { ntInfraApiRef } from '../../api';
import { useChange } from '../../hooks/useChanges';
import { errorMessage } from '../../lib/errors';
import forms from '../../lib/forms.module.css';
import { formatTime } from '../../lib/runs';
import table from '../../lib/table.module.css';
import { DeliveryStatus } from '../DeliveryStatus';
import { ReasonForm } from '../ReasonForm';
import { RunLink } from '../RunLink';
import { StatusBadge } from '../StatusBadge';
import { changeStateTone } from './changeStates';
import { ChecksList, DiffView } from './DiffView';

/**
 * One change request: its diff, checks, state and history, with Approve,
 * Merge and Close for the people allowed to use them. The buttons are hidden
 * by permission, but the server decides (e.g. an approver must not be the
 * requester), and its refusal is shown as it words it.
 */
export function ChangeRequestPage(props: { id: string }) {
  const api = useApi(ntInfraApiRef);
  const { id } = props;
  // Bumped after our own action, so the view reloads at once.
  const [acted, setActed] = useState(0);
  const loaded = useChange(id, acted);
  // The answer of our own action, shown until a load is as new.
  const [changed, setChanged] = useState<ChangeRequest>();
  const identityApi = useApi(identityApiRef);
  const me = useAsync(
    async () => (await identityApi.getBackstageIdentity()).userEntityRef,
    [identityApi],
  ).value;
  const canApprove = usePermission({ permission: gitopsApprovePermission });
  const canCreate = usePermission({ permission: gitopsCreatePermission });
  const [mergeError, setMergeError] = useState<string>();
  const [merging, setMerging] = useState(false);

  if (loaded.loading && !loaded.value) return <Progress />;
  const cr = newer(changed, loaded.value);
  if (!cr) {
    return (
      <ResponseErrorPanel error={loaded.error ?? new Error('Not found')} />
    );
  }
  const done = (next: ChangeRequest) => {
    setChanged(next);
    setActed(n => n + 1);
  };
  const merge = async () => {
    setMerging(true);
    setMergeError(undefined);
    try {
      done(await api.mergeChange(id));
    } catch (e) {
      setMergeError(errorMessage(e));
    } finally {
      setMerging(false);
    }
  };
  const live = cr.state === 'open' || cr.state === 'approved';
  // Four eyes: the server refuses the author; say so instead of offering the buttons.
  const mine = me !== undefined && cr.requestedBy === me;

  return (
    <article aria-label={`Change request ${cr.title}`} className={forms.wrap}>
      <Flex direction="column" gap="4">
        <Flex justify="between" align="center" gap="2">
          <Flex direction="column" gap="1">
            <Text as="h2" variant="title-small">
              {cr.title}
            </Text>
            <Text variant="body-small" color="secondary">
              {cr.kind} · requested by {cr.requestedBy} ·{' '}
              {formatTime(cr.createdAt)}
              {cr.approvedBy ? ` · approved by ${cr.approvedBy}` : ''}
              {cr.mergedSha ? ` · merged as ${cr.mergedSha.slice(0, 10)}` : ''}
            </Text>
          </Flex>
          <StatusBadge tone={changeStateTone[cr.state]} strong label="State">
            {cr.state}
          </StatusBadge>
        </Flex>
        <Text>{cr.reason}</Text>
        <Flex gap="3">
          {cr.pullRequestUrl ? (
            <Link href={cr.pullRequestUrl} target="_blank">
              Pull request #{cr.pullRequestNumber}
            </Link>
          ) : null}
          {cr.runId ? <RunLink id={cr.runId}>Motivating run</RunLink> : null}
          {cr.branch ? (
            <Text variant="body-small" className={forms.mono}>
              {cr.branch}
            </Text>
          ) : null}
        </Flex>
        {live && mine ? (
          <Alert
            status="info"
            title="You requested this change, so you cannot approve or merge it."
            description="Another approver must review it; you can still close it."
          />
        ) : null}
        {live && !mine && !canApprove.loading && !canApprove.allowed ? (
          <Text variant="body-small" color="secondary">
            Only approvers (permission {gitopsApprovePermission.name}) can
            approve or merge a change request.
          </Text>
        ) : null}
        {live ? (
          <Flex gap="3" align="start">
            {canApprove.allowed && !mine && cr.state === 'open' ? (
              <ReasonForm
                action="Approve"
                confirm="Approve change"
                fieldLabel="Approval comment"
                onSubmit={async comment =>
                  done(await api.approveChange(id, comment))
                }
              />
            ) : null}
            {canApprove.allowed && !mine && cr.state === 'approved' ? (
              <Button isPending={merging} isDisabled={merging} onPress={merge}>
                Merge
              </Button>
            ) : null}
            {canCreate.allowed ? (
              <ReasonForm
                action="Close"
                confirm="Close change request"
                fieldLabel="Why close it?"
                destructive
                onSubmit={async comment =>
                  done(await api.closeChange(id, comment))
                }
              />
            ) : null}
          </Flex>
        ) : null}
        {mergeError ? (
          <Alert role="alert" status="danger" title={mergeError} />
        ) : null}
        {cr.state === 'merged' ? (
          <DeliveryStatus changeRequestId={cr.id} />
        ) : null}
        <section aria-label="Checks">
          <Text as="h4" variant="title-x-small">
            Checks
          </Text>
          <ChecksList checks={cr.checks} />
        </section>
        <section aria-label="Changes">
          <Text as="h4" variant="title-x-small">
            Diff
          </Text>
          <DiffView diff={cr.diff} />
        </section>
        <table className={table.table} aria-label="History">
          <thead>
            <tr>
              <th>Time</th>
              <th>State</th>
              <th>Actor</th>
              <th>Reason</th>
            </tr>
          </thead>
          <tbody>
            {cr.transitions.map((t, i) => (
              <tr key={`${t.at}-${i}`}>
                <td className={table.numeric}>{formatTime(t.at)}</td>
                <td>{t.to}</td>
                <td>{t.actor}</td>
                <td>{t.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Flex>
    </article>
  );
}

/** The later of our own action's answer and the last load (a signal may bring someone else's). */
function newer(
  a: ChangeRequest | undefined,
  b: ChangeRequest | undefined,
): ChangeRequest | undefined {
  if (!a || !b) return a ?? b;
  return Date.parse(b.updatedAt) >= Date.parse(a.updatedAt) ? b : a;
}
