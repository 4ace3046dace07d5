/**
 * Validators for the repository's infrastructure code, shared by CI (the jest suites in this
 * package) and the nt-infra backend (experiment library, GitOps edits).
 *
 * @packageDocumentation
 */
export { validateAll } from './validateAll';
export type { Problem } from './types';
export { formatProblems } from './types';
export { validateTerraform } from './terraform/validateTerraform';
export {
  validateRegionCapabilities,
  AZURE_REGION_ZONES,
} from './terraform/regionCapabilities';
export { terraformFmtCheck, terraformValidate } from './terraform/terraformCli';
export { validateProviderSchema } from './terraform/validateProviderSchema';
export {
  validateAksSupport,
  AKS_VERSION_SUPPORT,
} from './terraform/aksSupport';
export { validateContainerRegistry } from './terraform/containerRegistry';
export { validatePrivateDns } from './terraform/privateDns';
export { validatePrometheusRulesModule } from './terraform/prometheusRulesModule';
export { loadProviderSchema } from './terraform/providerSchema';
export type {
  BlockSchema,
  ProviderSchemaSource,
} from './terraform/providerSchema';
export {
  buildOverlay,
  buildOverlayAsync,
  buildKustomization,
  buildKustomizationAsync,
  OVERLAYS,
} from './kustomize/build';
export { validateManifests } from './kustomize/manifests';
export { workloadsOf, labelsMatch } from './kustomize/objects';
export type { K8sObject, Workload } from './kustomize/objects';
export {
  validateChaosLibrary,
  validateExperiment,
  CHAOS_LIBRARY_DIR,
} from './chaos/library';
export type { ChaosContext, Experiment } from './chaos/library';
export { parseExperimentMetadata, ANNOTATION_PREFIX } from './chaos/metadata';
export type {
  ExperimentMetadata,
  StopCondition,
  Environment,
} from './chaos/metadata';
export {
  policyErrors,
  PRODUCTION_MAX_FRACTION,
  REGION_OUTAGE_ANNOTATION,
  chaosMeshPodsHit,
} from './chaos/policy';
export { webhookErrors } from './chaos/webhook';
export { schemaErrors, CHAOS_KINDS } from './chaos/schemas';
export type { ChaosKind } from './chaos/schemas';
export { conformanceErrors } from './chaos/conformance';
export {
  recordingRuleNames,
  declaredSeries,
  loadRuleFiles,
} from './prometheus/rules';
export { metricNames } from './prometheus/metrics';
export {
  validateAzureRuleGroups,
  RULE_GROUP_MODULE,
  RULE_DECODE_MODULE,
} from './prometheus/azureRuleGroups';
export {
  validateScrapeConfig,
  SCRAPE_CONFIG_FILE,
} from './prometheus/scrapeConfig';
export { checkRules, testRules, parsePromQl } from './prometheus/promtool';
export { validateDashboard } from './grafana/dashboard';
export { validateDashboards } from './grafana/validateDashboards';
export { validateCollectorConfig } from './otel/collector';
export { shellcheckScripts } from './scripts/scripts';
export { parseYamlDocuments, YAML_LIMITS } from './util/yaml';
export { validateArgoCd, ARGOCD_DIR } from './argocd/validateArgoCd';
export {
  validateWorkflows,
  WORKFLOWS_DIR,
} from './workflows/validateWorkflows';
