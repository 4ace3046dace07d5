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

/** Workloads as the overlays define them (HPA min..max), fixed here so these tests need no kubectl. */
function workloads(bounds: Record<string, [number, number]>): Workload[] {
  return Object.entries(bounds).map(([name, [min, max]]) => ({
    namespace: 'ntai',
    name,
    minReplicas: min,
    maxReplicas: max,
    podLabels: {
      'app.kubernetes.io/name': name,
      'app.kubernetes.io/part-of': 'ntai',
    },
  }));
}
const STAGING: Record<string, [number, number]> = {
  'ntai-api': [2, 5],
  'ntai-web': [1, 5],
  'ntai-worker': [1, 4],
};
const context: ChaosContext = {
  workloads: {
    staging: workloads(STAGING),
    production: workloads({
      'ntai-api': [10, 30],
      'ntai-web': [2, 10],
      'ntai-worker': [2, 10],
    }),
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

  it("counts pods with Chaos Mesh's rounding at each workload's floor", () => {
    plant(
      root,
      `${lib}/production/api-pod-failure.yaml`,
      / {2}mode: one\n/,
      "  mode: random-max-percent\n  value: '15'\n",
    );
    plant(
      root,
      `${lib}/production/api-network-latency.yaml`,
      / {2}mode: one\n/,
      "  mode: fixed-percent\n  value: '5'\n",
    );
    plant(
      root,
      `${lib}/production/api-db-latency.yaml`,
      'app.kubernetes.io/name: ntai-api',
      'app.kubernetes.io/name: ntai-web',
    );
    const out = run();
    // Up to 15% of the floor of 10 pods is 1.5, rounded UP to 2: 20%, not the face value 15%.
    expect(out).toMatch(
      /production\/api-pod-failure\.yaml: spec: hits 2 of 10 pods of ntai\/ntai-api \(20% with Chaos Mesh's rounding; production limit 10%\)/,
    );
    // 5% of 10 is 0.5, rounded up to one pod: exactly 10%, allowed.
    expect(out).not.toMatch(/api-network-latency\.yaml/);
    // One web pod of a floor of 2 is 50%.
    expect(out).toMatch(
      /production\/api-db-latency\.yaml: spec: hits 1 of 2 pods of ntai\/ntai-web \(50%/,
    );
  });

  it('counts the faults of a parallel Workflow step together and requires durations', () => {
    plant(
      root,
      `${lib}/production/api-network-latency.yaml`,
      '  duration: 5m\n',
      '',
    );
    plant(
      root,
      `${lib}/gameday/degraded-dependencies.yaml`,
      '        - api-pod-failure\n',
      '        - api-pod-failure\n        - db-latency\n',
    );
    const out = run();
    expect(out).toMatch(
      /production\/api-network-latency\.yaml: spec: production faults need a duration/,
    );
    expect(out).toMatch(
      /degraded-dependencies\.yaml: spec\.templates\[api-pod-failure\]\.podChaos \+ spec\.templates\[db-latency\]\.networkChaos \(run in parallel\): hits 2 of 10 pods of ntai\/ntai-api/,
    );
  });

  it('refuses staging experiments that take down every pod of a workload', () => {
    const floorOfOne: ChaosContext = {
      ...context,
      workloads: {
        ...context.workloads,
        staging: workloads({ ...STAGING, 'ntai-api': [1, 5] }),
      },
    };
    plant(
      root,
      `${lib}/gameday/region-failover.yaml`,
      "    nt-infra.io/region-outage: 'true'\n",
      '',
    );
    const out = formatProblems(validateChaosLibrary(root, floorOfOne).problems);
    // Half of one pod rounds up to that one pod.
    expect(out).toMatch(
      /staging\/api-pod-failure\.yaml: spec: takes down all 1 pod\(s\) of ntai\/ntai-api \(HPA floor 1\)/,
    );
    expect(out).toMatch(
      /schedules\/daily-api-pod-failure\.yaml: spec\.podChaos: takes down all 1 pod\(s\) of ntai\/ntai-api/,
    );
    expect(out).toMatch(
      /gameday\/region-failover\.yaml: spec\.templates\[fail-web-pods\]\.podChaos: takes down all 1 pod\(s\) of ntai\/ntai-web/,
    );
    // Stress slows pods down without taking them away.
    expect(out).not.toMatch(/worker-cpu-stress/);
  });

  it('lets a region outage take every pod only when it is confined and self-aborting', () => {
    plant(
      root,
      `${lib}/gameday/region-failover.yaml`,
      '      abortWithStatusCheck: true\n',
      '      abortWithStatusCheck: false\n',
    );
    expect(run()).toMatch(
      /region-failover\.yaml: nt-infra\.io\/region-outage: a region outage needs a StatusCheck with abortWithStatusCheck/,
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
