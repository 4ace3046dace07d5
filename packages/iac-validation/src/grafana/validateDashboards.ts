import fs from 'fs';
import path from 'path';
import { Problem } from '../types';
import { listFiles, relativeTo } from '../util/files';
import { metricNames } from '../prometheus/metrics';
import { parsePromQl } from '../prometheus/promtool';
import { declaredSeries, recordingRuleNames } from '../prometheus/rules';
import { expandVariables, validateDashboard } from './dashboard';

export const DASHBOARD_DIR = 'monitoring/grafana/dashboards';

/**
 * Validates every dashboard: structure against @grafana/schema, metrics limited to our
 * recording rules and declared raw series, and (with `parseQueries`, needs promtool) PromQL syntax.
 */
export function validateDashboards(
  repoRoot: string,
  options: { parseQueries: boolean },
): Problem[] {
  const problems: Problem[] = [];
  const known = new Set([
    ...recordingRuleNames(repoRoot),
    ...declaredSeries(repoRoot),
  ]);
  const files = listFiles(path.join(repoRoot, DASHBOARD_DIR), n =>
    n.endsWith('.json'),
  );
  if (files.length === 0)
    problems.push({ file: DASHBOARD_DIR, message: 'no dashboards found' });
  const uids = new Map<string, string>();
  for (const file of files) {
    const rel = relativeTo(repoRoot, file);
    let model: unknown;
    try {
      model = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      problems.push({
        file: rel,
        message: `invalid JSON: ${(e as Error).message}`,
      });
      continue;
    }
    const { errors, queries } = validateDashboard(model);
    errors.forEach(message => problems.push({ file: rel, message }));
    const uid = String((model as { uid?: unknown }).uid);
    if (uids.has(uid))
      problems.push({
        file: rel,
        message: `uid ${uid} is also used by ${uids.get(uid)}`,
      });
    uids.set(uid, rel);
    const expanded = queries.map(q => ({
      where: q.where,
      expr: expandVariables(q.expr),
    }));
    for (const q of expanded) {
      for (const name of metricNames(q.expr)) {
        if (!known.has(name))
          problems.push({
            file: rel,
            message: `${q.where}: metric "${name}" is neither a recording rule nor in monitoring/prometheus/series.yaml`,
          });
      }
    }
    if (options.parseQueries) {
      parsePromQl(expanded).forEach(message =>
        problems.push({ file: rel, message }),
      );
    }
  }
  return problems;
}
