import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '../../../../../..');

const podFailure = (duration: string) => ({
  type: 'pod-failure',
  workload: { namespace: 'ntai', name: 'ntai-api' },
  duration,
  mode: 'fixed',
  value: 1,
  stopConditions: [
    {
      metric: 'ntai:availability:ratio_rate5m',
      op: '<',
      threshold: 0.5,
      for: '1m',
    },
  ],
});

/** Scenarios at the sandbox's pace (speed 20, real-time portal clock). */
export const E2E_SCENARIOS: Record<string, unknown> = {
  'e2e-pass': {
    steps: [
      {
        name: 'pod-failure',
        type: 'chaos',
        regions: ['eastus'],
        template: podFailure('3s'),
        timeout: '1m',
      },
      { name: 'settle', type: 'wait', duration: '1s', timeout: '10s' },
      {
        name: 'availability',
        type: 'check',
        metric: 'ntai:availability:ratio_rate5m',
        op: '>=',
        threshold: 0.5,
        over: '2s',
        timeout: '30s',
      },
    ],
  },
  'e2e-fail': {
    steps: [
      {
        name: 'latency',
        type: 'check',
        metric: 'ntai:http_request_duration_seconds:p99_5m',
        op: '<',
        threshold: 0.0001,
        over: '5s',
        timeout: '30s',
      },
      {
        name: 'pod-failure',
        type: 'chaos',
        regions: ['eastus'],
        template: podFailure('3s'),
        timeout: '1m',
      },
      { name: 'settle', type: 'wait', duration: '1s', timeout: '10s' },
    ],
  },
  'e2e-failover': {
    steps: [
      {
        name: 'eastus-failover',
        type: 'failover',
        fromRegion: 'eastus',
        method: 'disable-endpoint',
        // The drain lasts the DNS switch plus the TTL, then the hold-down:
        // room for a loaded machine.
        timeout: '3m',
      },
      { name: 'settle', type: 'wait', duration: '1s', timeout: '10s' },
    ],
  },
  'e2e-long': {
    steps: [
      {
        name: 'pod-failure',
        type: 'chaos',
        regions: ['eastus'],
        template: podFailure('10m'),
        timeout: '20m',
      },
      { name: 'settle', type: 'wait', duration: '1s', timeout: '10s' },
    ],
  },
};

/** A repository root with the E2E scenarios and the real recording rules. */
export function writeScenarioRepo(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gameday-repo-'));
  // Checks are validated against the real recording rules.
  fs.symlinkSync(
    path.join(REPO_ROOT, 'monitoring'),
    path.join(root, 'monitoring'),
  );
  fs.mkdirSync(path.join(root, 'gamedays'));
  for (const [name, body] of Object.entries(E2E_SCENARIOS)) {
    const scenario = {
      name,
      title: `E2E ${name}`,
      description: 'GameDay end to end against the sandbox',
      environment: 'staging',
      regions: ['eastus', 'westus'],
      observers: ['user:default/olivia'],
      ...(body as object),
    };
    fs.writeFileSync(
      path.join(root, 'gamedays', `${name}.yaml`),
      JSON.stringify(scenario),
    );
  }
  return root;
}
