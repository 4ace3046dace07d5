import fs from 'fs';
import path from 'path';
import { listFiles, isRecord } from '../util/files';
import { parseYamlDocuments } from '../util/yaml';

export const RULES_DIR = 'monitoring/prometheus/rules';
export const SERIES_FILE = 'monitoring/prometheus/series.yaml';

export interface RuleFileContent {
  file: string;
  records: Array<{ name: string; expr: string }>;
  alerts: Array<{ name: string; expr: string }>;
}

/** Reads the rule files (plain YAML parsing; promtool does the authoritative checks). */
export function loadRuleFiles(repoRoot: string): RuleFileContent[] {
  return listFiles(
    path.join(repoRoot, RULES_DIR),
    n => n.endsWith('.yaml') || n.endsWith('.yml'),
  ).map(file => {
    const content: RuleFileContent = { file, records: [], alerts: [] };
    const doc = parseYamlDocuments(fs.readFileSync(file, 'utf8')).documents[0];
    const groups = isRecord(doc) && Array.isArray(doc.groups) ? doc.groups : [];
    for (const group of groups.filter(isRecord)) {
      for (const rule of (Array.isArray(group.rules) ? group.rules : []).filter(
        isRecord,
      )) {
        const expr = String(rule.expr ?? '');
        if (typeof rule.record === 'string')
          content.records.push({ name: rule.record, expr });
        if (typeof rule.alert === 'string')
          content.alerts.push({ name: rule.alert, expr });
      }
    }
    return content;
  });
}

/** Names of every recording rule in the repository. */
export function recordingRuleNames(repoRoot: string): Set<string> {
  return new Set(
    loadRuleFiles(repoRoot).flatMap(f => f.records.map(r => r.name)),
  );
}

/** Raw series declared in series.yaml (what the app and exporters produce). */
export function declaredSeries(repoRoot: string): Set<string> {
  const file = path.join(repoRoot, SERIES_FILE);
  if (!fs.existsSync(file)) {
    return new Set();
  }
  const doc = parseYamlDocuments(fs.readFileSync(file, 'utf8')).documents[0];
  const series = isRecord(doc) && Array.isArray(doc.series) ? doc.series : [];
  return new Set(series.filter(isRecord).map(s => String(s.name)));
}
