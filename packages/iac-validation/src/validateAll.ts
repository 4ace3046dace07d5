import fs from 'fs';
import path from 'path';
import { validateArgoCd } from './argocd/validateArgoCd';
import { validateChaosLibrary } from './chaos/library';
import { validateDashboards } from './grafana/validateDashboards';
import { buildOverlay, OVERLAYS } from './kustomize/build';
import { validateManifests } from './kustomize/manifests';
import { portalProblems } from './kustomize/portal';
import { K8sObject, workloadsOf } from './kustomize/objects';
import { validateCollectorConfig } from './otel/collector';
import { validateAzureRuleGroups } from './prometheus/azureRuleGroups';
import { checkRules, testRules } from './prometheus/promtool';
import { validateScrapeConfig } from './prometheus/scrapeConfig';
import { recordingRuleNames } from './prometheus/rules';
import { shellcheckScripts } from './scripts/scripts';
import { validateRegionCapabilities } from './terraform/regionCapabilities';
import { validatePrometheusRulesModule } from './terraform/prometheusRulesModule';
import { terraformFmtCheck, terraformValidate } from './terraform/terraformCli';
import { validateAksSupport } from './terraform/aksSupport';
import { validateContainerRegistry } from './terraform/containerRegistry';
import { validatePrivateDns } from './terraform/privateDns';
import { validateProviderSchema } from './terraform/validateProviderSchema';
import { validateTerraform } from './terraform/validateTerraform';
import { Problem } from './types';
import { validateWorkflows } from './workflows/validateWorkflows';
import { hasTool, installHint } from './util/tools';
import { parseYamlDocuments } from './util/yaml';

const COLLECTOR_FILE = 'monitoring/opentelemetry/collector.yaml';

/**
 * Runs every validator over a repository checkout, the same checks CI runs. Checks that need
 * kubectl, promtool or shellcheck report a problem naming the missing tool instead of passing.
 */
export async function validateAll(repoRoot: string): Promise<Problem[]> {
  const problems: Problem[] = [
    ...(await validateTerraform(repoRoot)),
    ...(await validateRegionCapabilities(repoRoot)),
    ...(await validateProviderSchema(repoRoot)),
    ...(await validateAksSupport(repoRoot)),
    ...(await validateContainerRegistry(repoRoot)),
    ...(await validatePrivateDns(repoRoot)),
  ];
  const missing = (tool: string, file: string) =>
    problems.push({
      file,
      message: `not checked: ${tool} is missing (${installHint(tool)})`,
    });
  if (hasTool('terraform')) {
    problems.push(
      ...terraformFmtCheck(repoRoot),
      ...terraformValidate(repoRoot),
      ...validatePrometheusRulesModule(repoRoot),
    );
  } else {
    missing('terraform', 'terraform');
  }

  const overlays: Partial<Record<(typeof OVERLAYS)[number], K8sObject[]>> = {};
  if (hasTool('kubectl')) {
    for (const overlay of OVERLAYS) {
      const file = `kubernetes/overlays/${overlay}`;
      try {
        overlays[overlay] = buildOverlay(repoRoot, overlay);
        [
          ...validateManifests(overlays[overlay]!),
          ...portalProblems(repoRoot, overlays[overlay]!),
        ].forEach(message => problems.push({ file, message }));
      } catch (e) {
        problems.push({ file, message: (e as Error).message });
      }
    }
    if (overlays.staging && overlays.production) {
      const { problems: chaos } = validateChaosLibrary(repoRoot, {
        workloads: {
          staging: workloadsOf(overlays.staging),
          production: workloadsOf(overlays.production),
        },
        recordingRules: recordingRuleNames(repoRoot),
      });
      problems.push(...chaos);
    }
    problems.push(...validateArgoCd(repoRoot));
  } else {
    missing('kubectl', 'kubernetes');
  }

  const promtool = hasTool('promtool');
  if (promtool) {
    [...checkRules(repoRoot), ...testRules(repoRoot)].forEach(message =>
      problems.push({ file: 'monitoring/prometheus', message }),
    );
  } else {
    missing('promtool', 'monitoring/prometheus');
  }
  problems.push(...validateAzureRuleGroups(repoRoot));
  problems.push(...validateScrapeConfig(repoRoot));
  problems.push(...validateDashboards(repoRoot, { parseQueries: promtool }));

  const collector = parseYamlDocuments(
    fs.readFileSync(path.join(repoRoot, COLLECTOR_FILE), 'utf8'),
  );
  [
    ...collector.errors,
    ...validateCollectorConfig(collector.documents[0]),
  ].forEach(message => problems.push({ file: COLLECTOR_FILE, message }));

  if (hasTool('shellcheck')) {
    shellcheckScripts(repoRoot).forEach(message =>
      problems.push({ file: 'scripts', message }),
    );
  } else {
    missing('shellcheck', 'scripts');
  }
  problems.push(...validateWorkflows(repoRoot));
  return problems;
}
