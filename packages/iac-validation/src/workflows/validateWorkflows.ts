import fs from 'fs';
import path from 'path';
import { Problem } from '../types';
import { isRecord, listFiles, relativeTo } from '../util/files';
import { parseYamlDocuments } from '../util/yaml';
import { approvedPlanProblems } from './approvedPlan';
import { productionFailoverProblems } from './productionFailover';
import { workflowPolicyProblems } from './workflowPolicy';
import { workflowSchemaErrors } from './schema';

export const WORKFLOWS_DIR = '.github/workflows';

/**
 * Validates every workflow in .github/workflows: GitHub's workflow schema (action-validator)
 * and the delivery policy (workflowPolicy). These workflows cannot run here, so this is what
 * stands between a broken pipeline and main.
 */
export function validateWorkflows(repoRoot: string): Problem[] {
  const files = listFiles(path.join(repoRoot, WORKFLOWS_DIR), n =>
    /\.ya?ml$/.test(n),
  );
  if (files.length === 0) {
    return [{ file: WORKFLOWS_DIR, message: 'no workflows' }];
  }
  const problems: Problem[] = [];
  const parsed: Array<{
    file: string;
    workflow: Record<string, unknown>;
    source: string;
  }> = [];
  for (const full of files) {
    const file = relativeTo(repoRoot, full);
    const source = fs.readFileSync(full, 'utf8');
    const report = (message: string) => problems.push({ file, message });
    const { documents, errors } = parseYamlDocuments(source);
    if (
      errors.length > 0 ||
      documents.length !== 1 ||
      !isRecord(documents[0])
    ) {
      report(
        `not one YAML mapping: ${
          errors.join('; ') || 'empty or several documents'
        }`,
      );
      continue;
    }
    workflowSchemaErrors(source).forEach(report);
    workflowPolicyProblems(repoRoot, documents[0], source).forEach(report);
    approvedPlanProblems(documents[0]).forEach(report);
    parsed.push({ file, workflow: documents[0], source });
  }
  problems.push(...productionFailoverProblems(repoRoot, parsed));
  return problems;
}
