import { GameDayReport } from '@internal/plugin-nt-infra-common';
import { ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { Flex, Skeleton, Text } from '@backstage/ui';
import useAsync from 'react-use/esm/useAsync';
import { ntInfraApiRef } from '../../api';
import { useRegionDisplayName } from '../../hooks/useRegionDisplayName';
import forms from '../../lib/forms.module.css';
import { formatSeconds } from '../../lib/format';
import { formatTime } from '../../lib/runs';
import { Tone } from '../../lib/tones';
import { rtoOfRun } from '../../lib/failoverTest';
import {
  failoverOfStep,
  failoverStepDetail,
  GameDayFailoverStep,
} from './GameDayFailoverStep';
import table from '../../lib/table.module.css';
import { StatusBadge } from '../StatusBadge';

/**
 * The report of an ended GameDay, drawn from the JSON report as sections
 * (outcome, steps, notes), with the Markdown version to download and file.
 * The Markdown is fetched through the API client rather than linked, because
 * the backend needs the user's token and a plain link would not send it.
 */
export function GameDayReportSection(props: { id: string }) {
  const api = useApi(ntInfraApiRef);
  const { id } = props;
  const regionName = useRegionDisplayName();
  const report = useAsync(async () => {
    const [json, markdown] = await Promise.all([
      api.getGameDayReport(id),
      api.getGameDayReportMarkdown(id),
    ]);
    return { json, markdown };
  }, [api, id]);

  if (report.loading) return <Skeleton width="100%" height={80} />;
  if (report.error || !report.value) {
    return (
      <ResponseErrorPanel error={report.error ?? new Error('No report')} />
    );
  }
  const { json, markdown } = report.value;
  const href = `data:text/markdown;charset=utf-8,${encodeURIComponent(
    markdown,
  )}`;

  return (
    <section aria-label="Report">
      <Flex direction="column" gap="3">
        <Flex justify="between" align="center">
          <Text as="h4" variant="title-x-small">
            Report
          </Text>
          {/* A native anchor: the UI kit's Link refuses every data: URL, but
              a text/markdown download cannot execute, so it is safe here. */}
          <a href={href} download={`gameday-${json.gameDay.scenario}-${id}.md`}>
            Download Markdown
          </a>
        </Flex>
        <Outcome report={json} />
        <table className={table.table} aria-label="Report steps">
          <thead>
            <tr>
              <th>Step</th>
              <th>Type</th>
              <th>State</th>
              <th>Duration</th>
              <th>Detail</th>
            </tr>
          </thead>
          <tbody>
            {json.steps.map(step => (
              <tr key={step.seq}>
                <th scope="row">{step.name}</th>
                <td>{step.type}</td>
                <td>{step.state}</td>
                <td className={table.numeric}>
                  {step.durationMs === undefined
                    ? '—'
                    : formatSeconds(step.durationMs / 1000)}
                </td>
                <td>
                  {step.error ?? ''}
                  {step.child
                    ? ` ${step.child.kind} run ${step.child.state}${detailOf(
                        step,
                      )}`
                    : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {json.steps.map(step => {
          const failover = failoverOfStep(step);
          return failover ? (
            <GameDayFailoverStep
              key={step.seq}
              step={step}
              failover={failover}
              regionName={region =>
                regionName(json.gameDay.environment, region)
              }
            />
          ) : null;
        })}
        {json.notes.length > 0 ? (
          <div>
            <Text as="h5" variant="body-medium" weight="bold">
              Notes
            </Text>
            <ul className={forms.list}>
              {json.notes.map((n, i) => (
                <li key={i}>
                  {formatTime(n.at)} · {n.author} ({n.step}): {n.text}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </Flex>
    </section>
  );
}

function Outcome(props: { report: GameDayReport }) {
  const { outcome } = props.report;
  const verdict = outcome.verdict ?? outcome.state;
  const tones: Record<string, Tone> = { passed: 'success', failed: 'danger' };
  const tone = tones[verdict] ?? 'neutral';
  return (
    <Flex direction="column" gap="1">
      <StatusBadge tone={tone} strong label="Verdict">
        {verdict}
      </StatusBadge>
      {outcome.reason ? (
        <Text variant="body-small">{outcome.reason}</Text>
      ) : null}
      {outcome.failedSteps.length > 0 ? (
        <Text variant="body-small" color="danger">
          Failed steps: {outcome.failedSteps.join(', ')}
        </Text>
      ) : null}
    </Flex>
  );
}

type ReportStep = GameDayReport['steps'][number];

/** The failover test's headline figure, or for a report from before it, the stored RTO. */
function detailOf(step: ReportStep): string {
  const failover = failoverOfStep(step);
  return failover
    ? failoverStepDetail(failover)
    : rtoText(step.child?.measurements);
}

/** ` · RTO 12 s / target 300 s` for a failover child that measured one. */
function rtoText(measurements: unknown): string {
  const { rtoSeconds, targetSeconds } = rtoOfRun({
    outcome:
      typeof measurements === 'object' && measurements !== null
        ? (measurements as Record<string, unknown>)
        : undefined,
  });
  if (rtoSeconds === undefined) return '';
  return ` · RTO ${formatSeconds(rtoSeconds)}${
    targetSeconds !== undefined
      ? ` / target ${formatSeconds(targetSeconds)}`
      : ''
  }`;
}
