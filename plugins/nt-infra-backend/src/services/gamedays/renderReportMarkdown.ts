import { RunTransition } from '@internal/plugin-nt-infra-common';
import { failoverSummary } from './failoverSummary';
import { GameDayReport, ReportStep } from './gameDayReport';

/**
 * Text from people (notes, reasons, scenario prose) goes into Markdown that
 * other tools render: escape what would become markup or HTML, and keep
 * each value on its line so a table cell cannot be broken out of.
 */
export function md(value: unknown): string {
  return String(value ?? '')
    .replace(/\s+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]#|!~])/g, '\\$1')
    .trim();
}

/** A fenced block longer than any backtick run inside, so content cannot close it. */
function code(value: unknown, lang = 'json'): string {
  const text =
    typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  const longest = Math.max(
    2,
    ...(text.match(/`+/g) ?? []).map(run => run.length),
  );
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang}\n${text}\n${fence}`;
}

function duration(ms: number | undefined): string {
  if (ms === undefined) return '';
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${s % 60}s` : `${s}s`;
}

function transitionsTable(transitions: RunTransition[]): string[] {
  return [
    '| at | from | to | by | reason |',
    '| --- | --- | --- | --- | --- |',
    ...transitions.map(
      t =>
        `| ${md(t.at)} | ${md(t.from ?? '')} | ${md(t.to)} | ${md(
          t.actor,
        )} | ${md(t.reason)} |`,
    ),
  ];
}

function definitionOf(step: ReportStep): string {
  const d = step.definition;
  switch (d.type) {
    case 'chaos':
      return d.experimentId
        ? `experiment \`${md(d.experimentId)}\``
        : `template \`${md(d.template?.type)}\``;
    case 'failover':
      return `failover from ${md(d.fromRegion)} (${md(d.method)})`;
    case 'wait':
      return `wait ${md(d.duration)}`;
    case 'check':
      return `${md(d.metric)} ${md(d.op)} ${md(d.threshold)} over ${md(
        d.over,
      )}`;
    default:
      return '';
  }
}

function stepSection(step: ReportStep): string[] {
  const lines = [
    `### ${step.seq + 1}. ${md(step.name)} (${step.type}): ${md(step.state)}`,
    '',
    `- Definition: ${definitionOf(step)}; timeout ${md(
      step.definition.timeout,
    )}${step.definition.continueOnFailure ? '; continues on failure' : ''}`,
    `- Started ${md(step.startedAt ?? '-')}, ended ${md(step.endedAt ?? '-')}${
      step.durationMs !== undefined ? ` (${duration(step.durationMs)})` : ''
    }`,
  ];
  if (step.error) lines.push(`- Failure: ${md(step.error)}`);
  if (step.evidence) {
    const e = step.evidence;
    lines.push('', '**SLI evidence**', '');
    lines.push(
      '| region | readings | min | max | last | missing |',
      '| --- | --- | --- | --- | --- | --- |',
      ...Object.entries(e.regions).map(
        ([region, r]) =>
          `| ${md(region)} | ${r.samples} | ${md(r.min ?? '')} | ${md(
            r.max ?? '',
          )} | ${md(r.last ?? '')} | ${r.missing} |`,
      ),
    );
    if (e.violation) {
      lines.push(
        '',
        `Violated in ${md(e.violation.region)}: ${md(
          e.violation.value,
        )} at ${md(e.violation.at)} (expected ${md(e.op)} ${md(e.threshold)}).`,
      );
    }
  }
  const child = step.child;
  if (child) {
    lines.push(
      '',
      `**${md(child.kind)} run** \`${md(child.id)}\`: ${md(
        child.title,
      )} ended ${md(child.state)}`,
      '',
    );
    for (const f of child.faults) {
      lines.push(
        `- Fault in ${md(f.region)}: ${
          f.pods.map(p => `\`${md(p)}\``).join(', ') || 'no pods'
        }`,
      );
    }
    if (child.rollback) {
      lines.push('', 'Automatic rollback:', '', code(child.rollback));
    }
    if (child.failover) lines.push('', ...failoverSummary(child.failover));
    if (child.measurements) {
      lines.push('', 'Failover measurements:', '', code(child.measurements));
    }
    lines.push('', ...transitionsTable(child.transitions));
  }
  if (step.notes.length > 0) {
    lines.push('', '**Notes**', '');
    for (const n of step.notes) {
      lines.push(`- ${md(n.at)} ${md(n.author)}: ${md(n.text)}`);
    }
  }
  lines.push('');
  return lines;
}

/** The GameDay report as Markdown, for the wiki page or the post-mortem. */
export function renderReportMarkdown(report: GameDayReport): string {
  const g = report.gameDay;
  const lines = [
    `# GameDay report: ${md(g.title)}`,
    '',
    '| | |',
    '| --- | --- |',
    `| Scenario | ${md(g.scenario)} (\`${md(g.file)}\`) |`,
    `| Environment | ${md(g.environment)} (${g.regions.map(md).join(', ')}) |`,
    `| Requested by | ${md(g.requestedBy)} |`,
    ...(g.entityRef ? [`| Entity | ${md(g.entityRef)} |`] : []),
    `| Run | \`${md(g.id)}\` |`,
    `| Started | ${md(g.startedAt ?? '-')} |`,
    `| Ended | ${md(g.endedAt ?? '-')} |`,
    `| Outcome | **${md(report.outcome.state)}**${
      report.outcome.verdict ? ` (${md(report.outcome.verdict)})` : ''
    } |`,
    '',
    md(report.scenario.description),
    '',
    `Last transition: ${md(report.outcome.reason ?? '')}`,
    ...(report.outcome.failedSteps.length > 0
      ? [`Failed steps: ${report.outcome.failedSteps.map(md).join(', ')}`]
      : []),
    '',
    '## Steps',
    '',
    '| # | step | type | state | duration |',
    '| --- | --- | --- | --- | --- |',
    ...report.steps.map(
      s =>
        `| ${s.seq + 1} | ${md(s.name)} | ${s.type} | ${md(
          s.state,
        )} | ${duration(s.durationMs)} |`,
    ),
    '',
    ...report.steps.flatMap(stepSection),
    '## GameDay timeline',
    '',
    ...transitionsTable(report.transitions),
    '',
    '## Notes',
    '',
    ...(report.notes.length > 0
      ? report.notes.map(
          n => `- ${md(n.at)} ${md(n.author)} (${md(n.step)}): ${md(n.text)}`,
        )
      : ['No notes were taken.']),
    '',
    '## Scenario as run',
    '',
    code(report.scenario),
    '',
    `Generated ${md(report.generatedAt)}.`,
    '',
  ];
  return lines.join('\n');
}
