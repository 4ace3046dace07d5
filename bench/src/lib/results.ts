import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

/** One measured line under a figure (a topology, a concurrency, a database...). */
export interface Detail {
  label: string;
  value: string;
  baseline?: string;
  ratio?: string;
  note?: string;
}

/** One entry of latest.json: a figure of the issue with its headline number. */
export interface FigureResult {
  name: string;
  unit: string;
  /** Median over the repetitions; undefined when the figure could not be measured. */
  value?: number;
  baseline?: number;
  ratio?: number;
  min?: number;
  max?: number;
  repetitions?: number;
  target: string;
  /** undefined when the issue sets no target or the figure was not measured. */
  met?: boolean;
  /** Why a target was missed, or why the figure was not (fully) measured. */
  limitedBy?: string;
  details: Detail[];
}

export interface Machine {
  nproc: number;
  memoryGiB: number;
  cpu: string;
  node: string;
  os: string;
}

export function describeMachine(): Machine {
  return {
    nproc: os.availableParallelism(),
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    cpu: os.cpus()[0]?.model ?? 'unknown',
    node: process.version,
    os: `${os.type()} ${os.release()}`,
  };
}

function gitCommit(root: string): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: root,
      encoding: 'utf8',
    }).trim();
  } catch {
    return undefined;
  }
}

function metText(r: FigureResult): string {
  if (r.met === undefined) return r.value === undefined ? 'NOT MEASURED' : '—';
  return r.met ? 'met' : 'MISSED';
}

function headline(r: FigureResult): string {
  if (r.value === undefined) return '—';
  const spreadText =
    r.min !== undefined && r.max !== undefined && (r.repetitions ?? 0) > 1
      ? ` (${r.min}–${r.max}, n=${r.repetitions})`
      : '';
  return `${r.value} ${r.unit}${spreadText}`;
}

/** The Markdown summary: one table of figures, then each figure's lines. */
export function toMarkdown(
  date: string,
  machine: Machine,
  results: FigureResult[],
  elapsedSeconds: number,
  mode: string,
): string {
  const lines = [
    `# Benchmarks (${mode})`,
    '',
    `${date}; ${machine.nproc} cores, ${machine.memoryGiB} GiB, ${machine.cpu}; Node ${machine.node}; ${machine.os}; ran in ${elapsedSeconds} s.`,
    'Medians of the repetitions, (min–max, n) beside them; ratios are measured in the same run.',
    '',
    '| figure | value | baseline | ratio | target | verdict |',
    '| --- | --- | --- | --- | --- | --- |',
    ...results.map(
      r =>
        `| ${r.name} | ${headline(r)} | ${r.baseline ?? '—'} | ${
          r.ratio !== undefined ? `${r.ratio}×` : '—'
        } | ${r.target} | ${metText(r)} |`,
    ),
    '',
  ];
  for (const r of results) {
    lines.push(`## ${r.name}`, '');
    if (r.limitedBy) lines.push(`**Limited by:** ${r.limitedBy}`, '');
    if (r.details.length) {
      lines.push('| measure | value | baseline | ratio | note |');
      lines.push('| --- | --- | --- | --- | --- |');
      for (const d of r.details) {
        lines.push(
          `| ${d.label} | ${d.value} | ${d.baseline ?? ''} | ${
            d.ratio ?? ''
          } | ${d.note ?? ''} |`,
        );
      }
      lines.push('');
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The console table: figures first, then every line under them. */
export function printTable(results: FigureResult[]) {
  const rows: string[][] = [
    ['figure / measure', 'value', 'baseline', 'ratio', 'target / note', ''],
  ];
  for (const r of results) {
    rows.push([
      r.name,
      headline(r),
      r.baseline !== undefined ? String(r.baseline) : '',
      r.ratio !== undefined ? `${r.ratio}×` : '',
      r.target,
      metText(r),
    ]);
    for (const d of r.details) {
      rows.push([
        `  ${d.label}`,
        d.value,
        d.baseline ?? '',
        d.ratio ?? '',
        d.note ?? '',
        '',
      ]);
    }
    if (r.limitedBy) rows.push([`  limited by: ${r.limitedBy}`]);
  }
  const widths = rows[0].map((_, i) =>
    Math.min(60, Math.max(...rows.map(r => (r[i] ?? '').length))),
  );
  for (const row of rows) {
    // eslint-disable-next-line no-console
    console.log(
      row.length === 1
        ? row[0]
        : row.map((c, i) => (c ?? '').padEnd(widths[i])).join('  '),
    );
  }
}

export function writeResults(
  dir: string,
  repoRoot: string,
  results: FigureResult[],
  elapsedSeconds: number,
  mode: string,
): { json: string; md: string } {
  const date = new Date().toISOString();
  const machine = describeMachine();
  fs.mkdirSync(dir, { recursive: true });
  const json = path.join(dir, 'latest.json');
  const md = path.join(dir, 'latest.md');
  fs.writeFileSync(
    json,
    `${JSON.stringify(
      {
        date,
        machine,
        commit: gitCommit(repoRoot),
        mode,
        elapsedSeconds,
        results,
      },
      null,
      2,
    )}\n`,
  );
  fs.writeFileSync(
    md,
    toMarkdown(date, machine, results, elapsedSeconds, mode),
  );
  return { json, md };
}
