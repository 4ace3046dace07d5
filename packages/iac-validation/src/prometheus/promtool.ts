import fs from 'fs';
import os from 'os';
import path from 'path';
import { listFiles } from '../util/files';
import { runTool } from '../util/tools';
import { RULES_DIR } from './rules';

export const RULE_TESTS_DIR = 'monitoring/prometheus/tests';

/** `promtool check rules` over every rule file; returns promtool's complaints (empty when fine). */
export function checkRules(repoRoot: string): string[] {
  const files = listFiles(path.join(repoRoot, RULES_DIR), n =>
    n.endsWith('.yaml'),
  );
  if (files.length === 0) return [`no rule files in ${RULES_DIR}`];
  const result = runTool('promtool', ['check', 'rules', ...files]);
  return result.status === 0
    ? []
    : [`promtool check rules failed:\n${result.stdout}${result.stderr}`];
}

/** `promtool test rules` over every test file (run from the tests folder, as the files expect). */
export function testRules(repoRoot: string): string[] {
  const dir = path.join(repoRoot, RULE_TESTS_DIR);
  const files = listFiles(dir, n => n.endsWith('.test.yaml'));
  if (files.length === 0) return [`no rule tests in ${RULE_TESTS_DIR}`];
  const result = runTool(
    'promtool',
    ['test', 'rules', ...files.map(f => path.relative(dir, f))],
    { cwd: dir },
  );
  return result.status === 0
    ? []
    : [`promtool test rules failed:\n${result.stdout}${result.stderr}`];
}

/**
 * Parses PromQL queries offline. promtool 2.42 (Debian 12) has no `promql` subcommand, so each
 * query becomes a recording rule in a scratch file and `promtool check rules` parses it.
 * Returns one message per query that does not parse.
 */
export function parsePromQl(
  queries: Array<{ where: string; expr: string }>,
): string[] {
  if (queries.length === 0) return [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'promql-'));
  try {
    const errors: string[] = [];
    queries.forEach((q, i) => {
      const file = path.join(dir, `q${i}.yaml`);
      const rule = {
        groups: [
          { name: 'parse', rules: [{ record: 'parse:query', expr: q.expr }] },
        ],
      };
      fs.writeFileSync(file, JSON.stringify(rule));
      const result = runTool('promtool', ['check', 'rules', file]);
      if (result.status !== 0) {
        errors.push(
          `${q.where}: PromQL does not parse: ${(result.stderr || result.stdout)
            .replace(/\s+/g, ' ')
            .trim()}`,
        );
      }
    });
    return errors;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
