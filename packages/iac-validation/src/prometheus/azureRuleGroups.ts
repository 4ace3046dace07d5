import fs from 'fs';
import path from 'path';
import { isRecord, listFiles, relativeTo } from '../util/files';
import { parseYamlDocuments } from '../util/yaml';
import { Problem } from '../types';
import { RULES_DIR } from './rules';

/** The Terraform module that deploys the rule files as Azure Monitor Prometheus rule groups. */
export const RULE_GROUP_MODULE = 'terraform/azure/monitoring';
/** The provider-free module that decodes the rule files for it. */
export const RULE_DECODE_MODULE = 'terraform/modules/prometheus-rules';

/** Severity labels the module maps to Azure alert severities (`local.severities`). */
const SEVERITY_LABELS = new Set(['page', 'ticket']);

/**
 * Azure accepts rule group intervals from 1 to 15 minutes. The module turns a duration into
 * ISO 8601 by prefixing `PT`, which only holds for one number and one unit of s, m or h.
 */
const ONE_UNIT = /^(\d+)([smh])$/;

function seconds(duration: string): number | undefined {
  const m = ONE_UNIT.exec(duration);
  if (!m) return undefined;
  return Number(m[1]) * { s: 1, m: 60, h: 3600 }[m[2] as 's' | 'm' | 'h'];
}

function checkGroup(group: Record<string, unknown>, where: string): string[] {
  const errors: string[] = [];
  const name = String(group.name ?? '');
  if (!/^[A-Za-z0-9-]{1,100}$/.test(name)) {
    errors.push(
      `${where}: group name "${name}" is not a valid Azure rule group name part (letters, digits, hyphens)`,
    );
  }
  const interval = typeof group.interval === 'string' ? group.interval : '';
  const s = seconds(interval);
  if (s === undefined || s < 60 || s > 900) {
    errors.push(
      `${where}: group ${name} needs an interval of 1m..15m written as one unit (Azure evaluates every PT1M..PT15M; promtool must test what is deployed), got "${interval}"`,
    );
  }
  const rules = Array.isArray(group.rules) ? group.rules.filter(isRecord) : [];
  for (const rule of rules) {
    if (typeof rule.alert !== 'string') continue;
    const at = `${where}: alert ${rule.alert}`;
    if ('for' in rule && seconds(String(rule.for)) === undefined) {
      errors.push(
        `${at}: for "${String(
          rule.for,
        )}" must be one number and one unit (s, m, h) to become ISO 8601`,
      );
    }
    const severity = isRecord(rule.labels) ? rule.labels.severity : undefined;
    if (typeof severity !== 'string' || !SEVERITY_LABELS.has(severity)) {
      errors.push(
        `${at}: label severity must be one of ${[...SEVERITY_LABELS].join(
          ', ',
        )} (mapped to an Azure alert severity), got ${JSON.stringify(
          severity,
        )}`,
      );
    }
  }
  return errors;
}

/**
 * The rule files are deployed as they are by `terraform/azure/monitoring` (yamldecode of every
 * `*.rules.yaml`), so each file must be valid as Azure Monitor Prometheus rule groups too, and
 * the module must still read this folder.
 */
export function validateAzureRuleGroups(repoRoot: string): Problem[] {
  const problems: Problem[] = [];
  const files = listFiles(path.join(repoRoot, RULES_DIR), n =>
    n.endsWith('.yaml'),
  );
  const names = new Map<string, string>();
  for (const file of files) {
    const rel = relativeTo(repoRoot, file);
    if (!file.endsWith('.rules.yaml')) {
      problems.push({
        file: rel,
        message: `only *.rules.yaml files are deployed by ${RULE_GROUP_MODULE}; rename it`,
      });
    }
    const doc = parseYamlDocuments(fs.readFileSync(file, 'utf8')).documents[0];
    const groups = isRecord(doc) && Array.isArray(doc.groups) ? doc.groups : [];
    for (const group of groups.filter(isRecord)) {
      const name = String(group.name ?? '');
      const other = names.get(name);
      if (other) {
        problems.push({
          file: rel,
          message: `group ${name} is also defined in ${other}; the module keys rule groups by name`,
        });
      }
      names.set(name, rel);
      checkGroup(group, 'groups').forEach(message =>
        problems.push({ file: rel, message }),
      );
    }
  }
  const read = (rel: string) => {
    const file = path.join(repoRoot, rel, 'main.tf');
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  };
  const text = read(RULE_GROUP_MODULE);
  const dir = /rules_dir\s*=\s*"\$\{path\.module\}\/([^"]+)"/.exec(text)?.[1];
  if (
    !dir ||
    path.resolve(repoRoot, RULE_GROUP_MODULE, dir) !==
      path.resolve(repoRoot, RULES_DIR) ||
    !read(RULE_DECODE_MODULE).includes('fileset(var.rules_dir, "*.rules.yaml")')
  ) {
    problems.push({
      file: `${RULE_GROUP_MODULE}/main.tf`,
      message: `must deploy the rule groups from ${RULES_DIR} (rules_dir of ${RULE_DECODE_MODULE}, which reads every "*.rules.yaml"): one source for promtool and Azure`,
    });
  }
  return problems;
}
