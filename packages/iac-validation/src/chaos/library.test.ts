import fs from 'fs';
import path from 'path';
import { Workload } from '../kustomize/objects';
import { buildOverlay } from '../kustomize/build';
import { workloadsOf } from '../kustomize/objects';
import { recordingRuleNames } from '../prometheus/rules';
import { formatProblems } from '../types';
import {
  copyRepo,
  describeWithTool,
  plant,
  removeTemp,
  REPO_ROOT,
} from '../util/testing';
import {
  ChaosContext,
  validateChaosLibrary,
  validateExperiment,
} from './library';

const recordingRules = recordingRuleNames(REPO_ROOT);

describeWithTool('kubectl', 'the repository experiment library', () => {
  it('passes every check against the real overlays', () => {
    const context: ChaosContext = {
      workloads: {
        staging: workloadsOf(buildOverlay(REPO_ROOT, 'staging')),
        production: workloadsOf(buildOverlay(REPO_ROOT, 'production')),
      },
      recordingRules,
    };
    const { problems, experiments } = validateChaosLibrary(REPO_ROOT, context);
    expect(formatProblems(problems)).toBe('');
    expect(experiments.length).toBeGreaterThanOrEqual(12);
  });
});

/** Workloads as the overlays define them, fixed here so these tests need no kubectl. */
function workloads(minReplicas: Record<string, number>): Workload[] {
  return Object.entries(minReplicas).map(([name, min]) => ({
    namespace: 'ntai',
    name,
    minReplicas: min,
    podLabels: {
      'app.kubernetes.io/name': name,
      'app.kubernetes.io/part-of': 'ntai',
    },
  }));
}
const context: ChaosContext = {
  workloads: {
    staging: workloads({ 'ntai-api': 1, 'ntai-web': 1, 'ntai-worker': 1 }),
    production: workloads({ 'ntai-api': 3, 'ntai-web': 2, 'ntai-worker': 2 }),
  },
  recordingRules,
};

describe('validateChaosLibrary planted faults', () => {
  let root: string;
  beforeEach(() => {
    root = copyRepo(['kubernetes']);
  });
  afterEach(() => removeTemp(root));
  const run = () =>
    formatProblems(validateChaosLibrary(root, context).problems);
  const lib = 'kubernetes/chaos-experiments';

  it('accepts the unmodified copy', () => {
    expect(run()).toBe('');
  });

  it('rejects unknown fields', () => {
    plant(
      root,
      `${lib}/staging/api-pod-failure.yaml`,
      'action: pod-failure',
      'action: pod-failure\n  blastRadius: small',
    );
    expect(run()).toMatch(
      /api-pod-failure\.yaml: \/spec: unknown field "blastRadius"/,
    );
  });

  it('applies the webhook rules for mode values and durations', () => {
    plant(
      root,
      `${lib}/staging/api-memory-stress.yaml`,
      "value: '1'",
      "value: '0'",
    );
    plant(
      root,
      `${lib}/staging/api-pod-failure.yaml`,
      "value: '50'",
      "value: '150'",
    );
    plant(
      root,
      `${lib}/staging/api-network-latency.yaml`,
      'duration: 5m',
      'duration: 5min',
    );
    const out = run();
    expect(out).toMatch(
      /api-memory-stress\.yaml: spec: mode fixed needs value to be an integer > 0/,
    );
    expect(out).toMatch(
      /api-pod-failure\.yaml: spec: mode fixed-percent needs value to be an integer in 1\.\.100/,
    );
    expect(out).toMatch(
      /api-network-latency\.yaml: spec\.duration: "5min" is not a Go duration/,
    );
  });

  it('enforces the 10% production limit for percentages and for one/fixed/all', () => {
    plant(
      root,
      `${lib}/production/api-pod-failure.yaml`,
      "value: '10'",
      "value: '20'",
    );
    plant(
      root,
      `${lib}/production/web-cpu-stress.yaml`,
      "mode: random-max-percent\n  value: '10'",
      'mode: one',
    );
    const out = run();
    expect(out).toMatch(
      /production\/api-pod-failure\.yaml: spec: production limit is 10% of pods \(fixed-percent 20\)/,
    );
    expect(out).toMatch(
      /production\/web-cpu-stress\.yaml: spec: mode one hits 1 of 2 pods of ntai\/ntai-web/,
    );
  });

  it('judges production workflow steps and requires durations', () => {
    plant(
      root,
      `${lib}/production/api-network-latency.yaml`,
      '  duration: 5m\n',
      '',
    );
    plant(
      root,
      `${lib}/gameday/degraded-dependencies.yaml`,
      "mode: fixed-percent\n        value: '10'\n        duration: 10m\n        selector:",
      'mode: all\n        duration: 10m\n        selector:',
    );
    const out = run();
    expect(out).toMatch(
      /production\/api-network-latency\.yaml: spec: production faults need a duration/,
    );
    expect(out).toMatch(
      /degraded-dependencies\.yaml: spec\.templates\[api-pod-failure\]\.podChaos: mode all hits 3 of 3 pods/,
    );
  });

  it('checks metadata annotations and stop conditions', () => {
    plant(
      root,
      `${lib}/staging/worker-cpu-stress.yaml`,
      / {4}nt-infra.io\/title: .*\n/,
      '',
    );
    plant(
      root,
      `${lib}/staging/api-db-latency.yaml`,
      'ntai:slo_burn_rate:5m',
      'ntai:slo_burn:5m',
    );
    plant(
      root,
      `${lib}/staging/api-db-throttling.yaml`,
      'op: ">", threshold: 30',
      'op: "!=", threshold: 30',
    );
    const out = run();
    expect(out).toMatch(
      /worker-cpu-stress\.yaml: annotation nt-infra\.io\/title is required/,
    );
    expect(out).toMatch(
      /api-db-latency\.yaml: .*metric "ntai:slo_burn:5m" is not a recording rule/,
    );
    expect(out).toMatch(/api-db-throttling\.yaml: .*\.op must be one of/);
  });

  it('rejects selectors that match nothing, production Schedules and misfiled experiments', () => {
    plant(
      root,
      `${lib}/staging/api-db-latency.yaml`,
      'app.kubernetes.io/name: ntai-api',
      'app.kubernetes.io/name: ntai-apu',
    );
    plant(
      root,
      `${lib}/schedules/daily-api-pod-failure.yaml`,
      'nt-infra.io/environment: staging',
      'nt-infra.io/environment: production',
    );
    const out = run();
    expect(out).toMatch(
      /api-db-latency\.yaml: spec\.selector matches no Deployment in the staging overlay/,
    );
    expect(out).toMatch(
      /daily-api-pod-failure\.yaml: production experiments cannot be Schedules/,
    );
    expect(out).toMatch(
      /daily-api-pod-failure\.yaml: experiments in schedules\/ must be staging experiments/,
    );
  });

  it('refuses YAML alias bombs', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
    ].join('\n');
    fs.writeFileSync(path.join(root, lib, 'staging', 'bomb.yaml'), bomb);
    expect(run()).toMatch(/bomb\.yaml: YAML: .*alias/i);
  });
});

describe('validateExperiment', () => {
  it('rejects kinds outside the library', () => {
    expect(validateExperiment({ kind: 'IOChaos' }, context).errors[0]).toMatch(
      /unsupported kind "IOChaos"/,
    );
  });
});
