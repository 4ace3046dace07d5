import fs from 'fs';
import os from 'os';
import path from 'path';
import { isRecord } from '../util/files';
import { runTool } from '../util/tools';
import { parseYamlDocuments } from '../util/yaml';
import { Problem } from '../types';
import { RULE_DECODE_MODULE } from '../prometheus/azureRuleGroups';
import { RULES_DIR } from '../prometheus/rules';

const ENV = { ...process.env, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' };
const AZURE_SEVERITY: Record<string, number> = { page: 1, ticket: 3 };

type Decoded = Record<
  string,
  { interval: string; rules: Array<Record<string, unknown>> }
>;

/** Applies the provider-free decoding module (no resources, local state) in a scratch copy. */
function decode(repoRoot: string): { groups?: Decoded; error?: string } {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'iac-tf-rules-'));
  try {
    fs.cpSync(path.join(repoRoot, RULE_DECODE_MODULE), work, {
      recursive: true,
      filter: src => !src.includes(`${path.sep}.terraform`),
    });
    const rulesDir = path.join(repoRoot, RULES_DIR);
    for (const args of [
      ['init', '-input=false', '-no-color'],
      [
        'apply',
        '-auto-approve',
        '-input=false',
        '-no-color',
        `-var=rules_dir=${rulesDir}`,
      ],
    ]) {
      const r = runTool('terraform', args, { cwd: work, env: ENV });
      if (r.status !== 0) {
        return {
          error: `terraform ${args[0]}: ${(r.stderr || r.stdout).trim()}`,
        };
      }
    }
    const out = runTool('terraform', ['output', '-json', 'groups'], {
      cwd: work,
      env: ENV,
    });
    return out.status === 0
      ? { groups: JSON.parse(out.stdout) as Decoded }
      : { error: `terraform output: ${out.stderr.trim()}` };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** JSON with object keys sorted: Terraform returns maps in key order, YAML in file order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    isRecord(v)
      ? Object.fromEntries(
          Object.entries(v).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
}

const iso = (d: unknown) =>
  typeof d === 'string' ? `PT${d.toUpperCase()}` : null;

/**
 * Runs the Terraform that turns `monitoring/prometheus/rules` into Azure rule group arguments
 * (with a real terraform binary, offline: the module has no provider) and compares its result
 * with the files: every group and rule arrives, expressions and labels unchanged, durations in
 * ISO 8601, alerts with their Azure severity.
 */
export function validatePrometheusRulesModule(repoRoot: string): Problem[] {
  const file = `${RULE_DECODE_MODULE}/main.tf`;
  const { groups, error } = decode(repoRoot);
  if (!groups) {
    return [{ file, message: error ?? 'no output' }];
  }
  const problems: Problem[] = [];
  const report = (message: string) => problems.push({ file, message });
  const expected: string[] = [];
  for (const name of fs
    .readdirSync(path.join(repoRoot, RULES_DIR))
    .filter(f => f.endsWith('.rules.yaml'))
    .sort()) {
    const doc = parseYamlDocuments(
      fs.readFileSync(path.join(repoRoot, RULES_DIR, name), 'utf8'),
    ).documents[0];
    const yamlGroups =
      isRecord(doc) && Array.isArray(doc.groups)
        ? doc.groups.filter(isRecord)
        : [];
    for (const group of yamlGroups) {
      const gname = String(group.name);
      expected.push(gname);
      const got = groups[gname];
      if (!got) {
        report(`group ${gname} of ${name} is not deployed`);
        continue;
      }
      if (got.interval !== iso(group.interval)) {
        report(
          `group ${gname}: interval ${got.interval}, expected ${iso(
            group.interval,
          )}`,
        );
      }
      const rules = Array.isArray(group.rules)
        ? group.rules.filter(isRecord)
        : [];
      if (rules.length !== got.rules.length) {
        report(
          `group ${gname}: ${got.rules.length} rules deployed, the file has ${rules.length}`,
        );
        continue;
      }
      rules.forEach((rule, i) => {
        const d = got.rules[i];
        const id = String(rule.alert ?? rule.record);
        const want = {
          record: rule.record ?? null,
          alert: rule.alert ?? null,
          expression: rule.expr,
          for: iso(rule.for),
          labels: rule.labels ?? null,
          annotations: rule.annotations ?? null,
          severity:
            isRecord(rule.labels) && rule.alert
              ? AZURE_SEVERITY[String(rule.labels.severity)] ?? null
              : null,
        };
        for (const [key, value] of Object.entries(want)) {
          if (canonical(d[key]) !== canonical(value)) {
            report(
              `group ${gname}, rule ${id}: ${key} deployed as ${JSON.stringify(
                d[key],
              )}, expected ${JSON.stringify(value)}`,
            );
          }
        }
      });
    }
  }
  for (const name of Object.keys(groups)) {
    if (!expected.includes(name))
      report(`group ${name} is deployed but in no rule file`);
  }
  return problems;
}
