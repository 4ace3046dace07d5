import { parse } from '@cdktf/hcl2json';
import {
  buildOverlayAsync,
  K8sObject,
  OVERLAYS,
  recordingRuleNames,
  validateChaosLibrary,
  validateManifests,
  validateTerraform,
  workloadsOf,
} from '@internal/iac-validation';
import fs from 'fs/promises';
import path from 'path';
import { NETWORKING_VARIABLES, TFVARS } from './changeKinds';
import { CheckResult } from './types';

type Rule = { variable: string; message: string; ok: (v: Values) => boolean };
type Values = Record<string, unknown>;

/**
 * The `validation` blocks of the Traffic Manager variables. iac-validation
 * has no terraform binary to evaluate them (see terraform/README.md), so the
 * conditions are mirrored here with Terraform's own error messages; a test
 * asserts each message still appears in the .tf files, so the two cannot drift
 * apart silently.
 */
export const VARIABLE_RULES: Rule[] = [
  {
    variable: 'dns_ttl_seconds',
    message: 'dns_ttl_seconds must be within 0..300.',
    ok: v =>
      typeof v.dns_ttl_seconds === 'number' &&
      v.dns_ttl_seconds >= 0 &&
      v.dns_ttl_seconds <= 300,
  },
  {
    variable: 'regions',
    message: 'Region priorities must be exactly 1 (primary) and 2 (standby).',
    ok: v =>
      Object.values(
        (v.regions ?? {}) as Record<
          string,
          { traffic_manager_priority?: number }
        >,
      )
        .map(r => r.traffic_manager_priority)
        .sort()
        .join(',') === '1,2',
  },
  {
    variable: 'probe_interval_seconds',
    message: 'probe_interval_seconds must be 10 or 30.',
    ok: v => v.probe_interval_seconds === 10 || v.probe_interval_seconds === 30,
  },
  {
    variable: 'probe_timeout_seconds',
    // The traffic-manager module's rule is the stricter of the two layers.
    message:
      'monitor.timeout_in_seconds must be 5..9 with a 10 s interval, 5..10 with a 30 s interval.',
    ok: v => {
      const t = v.probe_timeout_seconds as number;
      return t >= 5 && t <= (v.probe_interval_seconds === 10 ? 9 : 10);
    },
  },
  {
    variable: 'probe_tolerated_failures',
    message: 'probe_tolerated_failures must be within 0..9.',
    ok: v => {
      const n = v.probe_tolerated_failures as number;
      return Number.isInteger(n) && n >= 0 && n <= 9;
    },
  },
];

async function variableValues(
  root: string,
  environment: string,
): Promise<Values> {
  const networking = (await parse(
    NETWORKING_VARIABLES,
    await fs.readFile(path.join(root, NETWORKING_VARIABLES), 'utf8'),
  )) as { variable?: Record<string, Array<{ default?: unknown }>> };
  const defaults: Values = {};
  for (const [name, [decl]] of Object.entries(networking.variable ?? {})) {
    defaults[name] = decl?.default;
  }
  const tfvars = (await parse(
    TFVARS(environment),
    await fs.readFile(path.join(root, TFVARS(environment)), 'utf8'),
  )) as Values;
  return { ...defaults, ...tfvars };
}

async function terraformVariableRules(root: string): Promise<CheckResult> {
  const problems: string[] = [];
  for (const environment of OVERLAYS) {
    try {
      const values = await variableValues(root, environment);
      for (const rule of VARIABLE_RULES) {
        if (!rule.ok(values)) {
          problems.push(
            `${TFVARS(environment)}: ${rule.variable}: ${rule.message}`,
          );
        }
      }
    } catch (e) {
      problems.push(`${environment}: ${(e as Error).message}`);
    }
  }
  return result('terraform variable validation', problems);
}

function result(name: string, problems: string[]): CheckResult {
  return {
    name,
    status: problems.length === 0 ? 'passed' : 'failed',
    problems,
  };
}

/**
 * Runs the CI checks that cover the changed paths on the checkout at `root`:
 * Terraform edits get validateTerraform plus the variable rules; Kubernetes
 * edits get both overlays built and validated, and the chaos library
 * re-validated against them, since replica counts bound the production
 * blast radius of every experiment.
 */
export async function runChecks(
  root: string,
  changed: string[],
): Promise<CheckResult[]> {
  const checks: CheckResult[] = [];
  if (changed.some(f => f.startsWith('terraform/'))) {
    const problems = await validateTerraform(root);
    checks.push(
      result(
        'validateTerraform',
        problems.map(p => `${p.file}: ${p.message}`),
      ),
    );
    checks.push(await terraformVariableRules(root));
  }
  if (changed.some(f => f.startsWith('kubernetes/'))) {
    const overlays: Partial<Record<(typeof OVERLAYS)[number], K8sObject[]>> =
      {};
    for (const overlay of OVERLAYS) {
      try {
        // In a child process: the stop-condition reconciler keeps its 1 s tick.
        overlays[overlay] = await buildOverlayAsync(root, overlay);
        checks.push(
          result(
            `buildOverlay + validateManifests (${overlay})`,
            validateManifests(overlays[overlay]!),
          ),
        );
      } catch (e) {
        checks.push(
          result(`buildOverlay + validateManifests (${overlay})`, [
            (e as Error).message,
          ]),
        );
      }
    }
    if (overlays.staging && overlays.production) {
      const { problems } = validateChaosLibrary(root, {
        workloads: {
          staging: workloadsOf(overlays.staging),
          production: workloadsOf(overlays.production),
        },
        recordingRules: recordingRuleNames(root),
      });
      checks.push(
        result(
          'validateChaosLibrary',
          problems.map(p => `${p.file}: ${p.message}`),
        ),
      );
    }
  }
  return checks;
}
