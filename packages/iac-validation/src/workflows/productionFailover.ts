import fs from 'fs';
import path from 'path';
import { parseYamlDocuments } from '../util/yaml';
import { Obj, record, runText } from './workflowPolicy';

const CONFIG = 'app-config.production.yaml';
const FAILOVER_SCRIPT = /\bscripts\/failover-test\.sh\b/;
/** Who holds this can approve production windows (the four-eyes step). */
const APPROVE = 'nt-infra.chaos.approve';

/**
 * The monthly production region failover runs alongside staging's, and through the portal's
 * production window rather than around it: a workflow that runs scripts/failover-test.sh has a
 * schedule that picks production; the portal tokens of workflows cannot approve windows; and
 * production never drops the window requirement.
 */
export function productionFailoverProblems(
  repoRoot: string,
  workflows: Array<{ file: string; workflow: Obj; source: string }>,
): Array<{ file: string; message: string }> {
  const problems: Array<{ file: string; message: string }> = [];
  const runners = workflows.filter(w =>
    Object.values(record(w.workflow.jobs)).some(job =>
      FAILOVER_SCRIPT.test(runText(record(job))),
    ),
  );
  const scheduledProduction = runners.some(
    w =>
      Array.isArray(record(w.workflow.on).schedule) &&
      /environment=production\b/.test(w.source),
  );
  if (runners.length > 0 && !scheduledProduction) {
    problems.push({
      file: runners[0].file,
      message:
        'no scheduled production failover test: the monthly production GameDay runs alongside staging’s (a schedule that sets environment=production)',
    });
  }
  const text = fs.readFileSync(path.join(repoRoot, CONFIG), 'utf8');
  if (/productionRequiresWindow:\s*false\b/.test(text)) {
    problems.push({
      file: CONFIG,
      message:
        'productionRequiresWindow: false lets production failovers bypass the four-eyes window',
    });
  }
  const config = record(parseYamlDocuments(text).documents[0]);
  const access = record(record(record(config.backend).auth)).externalAccess;
  for (const entry of Array.isArray(access) ? access.map(record) : []) {
    const subject = String(record(entry.options).subject);
    const granted = (
      Array.isArray(entry.accessRestrictions) ? entry.accessRestrictions : []
    ).flatMap(r => {
      const permission = record(r).permission;
      return Array.isArray(permission) ? permission.map(String) : [];
    });
    if (granted.length === 0) {
      problems.push({
        file: CONFIG,
        message: `externalAccess ${subject}: unrestricted; a workflow token lists the permissions it needs`,
      });
    } else if (granted.includes(APPROVE)) {
      problems.push({
        file: CONFIG,
        message: `externalAccess ${subject}: ${APPROVE} would let a workflow approve its own production window`,
      });
    }
  }
  return problems;
}
