import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { Card, CardBody, Flex, Text } from '@backstage/ui';
import { RunDetail, RunStep } from '@internal/plugin-nt-infra-common';
import { ntInfraApiRef } from '../../api';
import { useRun } from '../../hooks/useRuns';
import forms from '../../lib/forms.module.css';
import { formatTime, isTerminal, runStateTone } from '../../lib/runs';
import table from '../../lib/table.module.css';
import { Tone } from '../../lib/tones';
import { ReasonForm } from '../ReasonForm';
import { RunLink } from '../RunLink';
import { RunProgress } from '../RunProgress';
import { RunTimeline } from '../RunTimeline';
import { StatusBadge } from '../StatusBadge';
import { GameDayReportSection } from './GameDayReportSection';
import { NoteForm } from './NoteForm';

/** Steps take minutes; every 2 s keeps the room's screen current without load. */
export const GAMEDAY_POLL_MS = 2_000;

const stepTone: Record<string, Tone> = {
  pending: 'neutral',
  running: 'warning',
  passed: 'success',
  failed: 'danger',
  skipped: 'neutral',
};

const ended = (run: RunDetail) => isTerminal(run.state);

/** A step's child run and error, read defensively from its free-form details. */
function detailsOf(step: RunStep): { childRunId?: string; error?: string } {
  const d = step.details ?? {};
  return {
    childRunId: typeof d.childRunId === 'string' ? d.childRunId : undefined,
    error: typeof d.error === 'string' ? d.error : undefined,
  };
}

/**
 * A GameDay as it happens: its steps with their state and notes, a note form
 * for the people in the room, and the abort. Once it ends, the report.
 */
export function GameDayLive(props: { id: string }) {
  const api = useApi(ntInfraApiRef);
  const { id } = props;
  const polled = useRun(id, GAMEDAY_POLL_MS);

  if (polled.loading) return <Progress />;
  const run = polled.value;
  if (!run) {
    return <ResponseErrorPanel error={polled.error ?? new Error('No run')} />;
  }
  const steps = [...run.steps].sort((a, b) => a.seq - b.seq);

  return (
    <Card>
      <CardBody>
        <article aria-label={`GameDay ${run.title}`}>
          <Flex direction="column" gap="3">
            <Flex justify="between" align="center" gap="2">
              <Flex direction="column" gap="1">
                <Text as="h3" variant="title-small">
                  <RunLink id={run.id}>{run.title}</RunLink>
                </Text>
                <Text variant="body-small" color="secondary">
                  {run.environment} · {run.regions.join(', ')} · requested by{' '}
                  {run.requestedBy} · started {formatTime(run.startedAt)}
                </Text>
              </Flex>
              <StatusBadge tone={runStateTone[run.state]} strong label="State">
                {run.state}
              </StatusBadge>
            </Flex>
            <RunProgress run={run} />
            <table className={table.table} aria-label="GameDay steps">
              <thead>
                <tr>
                  <th>#</th>
                  <th>Step</th>
                  <th>State</th>
                  <th>Started</th>
                  <th>Ended</th>
                  <th>Notes</th>
                </tr>
              </thead>
              <tbody>
                {steps.map(step => {
                  const { childRunId, error } = detailsOf(step);
                  const notes = (step.notes ?? '').split('\n').filter(Boolean);
                  return (
                    <tr key={step.seq}>
                      <td className={table.numeric}>{step.seq}</td>
                      <th scope="row">
                        {step.name}
                        {childRunId ? (
                          <>
                            {' · '}
                            <RunLink id={childRunId}>run</RunLink>
                          </>
                        ) : null}
                        {error ? (
                          <Text as="p" variant="body-small" color="danger">
                            {error}
                          </Text>
                        ) : null}
                      </th>
                      <td>
                        <StatusBadge tone={stepTone[step.state] ?? 'neutral'}>
                          {step.state}
                        </StatusBadge>
                      </td>
                      <td className={table.numeric}>
                        {formatTime(step.startedAt)}
                      </td>
                      <td className={table.numeric}>
                        {formatTime(step.endedAt)}
                      </td>
                      <td>
                        {notes.length > 0 ? (
                          <ul className={forms.list}>
                            {notes.map((line, i) => (
                              <li key={i}>{line}</li>
                            ))}
                          </ul>
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            {ended(run) ? null : (
              <Flex gap="4" align="end">
                <NoteForm
                  onAdd={async text => {
                    await api.addGameDayNote(id, text);
                  }}
                />
                {run.state === 'stopping' ? null : (
                  <ReasonForm
                    action="Abort GameDay"
                    confirm="Abort GameDay"
                    fieldLabel="Why abort?"
                    destructive
                    onSubmit={async reason => {
                      await api.abortGameDay(id, reason);
                    }}
                  />
                )}
              </Flex>
            )}
            <RunTimeline transitions={run.transitions} />
            {ended(run) ? <GameDayReportSection id={run.id} /> : null}
          </Flex>
        </article>
      </CardBody>
    </Card>
  );
}
