import { recordingRuleNames } from '@internal/iac-validation';
import { ExperimentsResponse } from '@internal/plugin-nt-infra-common';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { ExperimentLibrary } from '../ExperimentLibrary';
import { GameDayScenarios, parseScenario } from './GameDayScenarios';

const REPO_ROOT = path.resolve(__dirname, '../../../../..');

const valid = {
  name: 'staging-drill',
  title: 'Drill',
  description: 'A short drill',
  environment: 'staging',
  regions: ['eastus', 'westus'],
  observers: ['group:default/sre'],
  steps: [
    {
      name: 'pods',
      type: 'chaos',
      experimentId: 'PodChaos/ntai/api-pod-failure',
      regions: ['eastus'],
      timeout: '10m',
    },
    { name: 'soak', type: 'wait', duration: '1m', timeout: '2m' },
    {
      name: 'failover',
      type: 'failover',
      fromRegion: 'eastus',
      method: 'unhealthy',
      timeout: '30m',
    },
    {
      name: 'available',
      type: 'check',
      metric: 'ntai:availability:ratio_rate5m',
      op: '>=',
      threshold: 0.99,
      over: '1m',
      timeout: '2m',
    },
  ],
};

function withStep(i: number, patch: Record<string, unknown>) {
  return {
    ...valid,
    steps: valid.steps.map((s, j) => (j === i ? { ...s, ...patch } : s)),
  };
}

describe('GameDay scenarios', () => {
  let library: ExperimentsResponse;
  let rules: Set<string>;
  const check = (doc: unknown, file = 'staging-drill.yaml') =>
    parseScenario(typeof doc === 'string' ? doc : stringify(doc), file, {
      library,
      rules,
    });

  beforeAll(async () => {
    library = await ExperimentLibrary.create({
      repoRoot: REPO_ROOT,
      refreshMs: 0,
    }).list();
    rules = recordingRuleNames(REPO_ROOT);
  });

  it('finds the repository scenarios valid against the real library', async () => {
    const scenarios = GameDayScenarios.create({
      repoRoot: REPO_ROOT,
      experiments: { list: async () => library },
      refreshMs: 0,
    });
    const { items, problems } = await scenarios.list();
    expect(problems).toEqual([]);
    expect(items.map(s => [s.name, s.environment, s.file])).toEqual([
      ['region-failover', 'production', 'gamedays/region-failover.yaml'],
      [
        'staging-failover-drill',
        'staging',
        'gamedays/staging-failover-drill.yaml',
      ],
      [
        'staging-region-failover',
        'staging',
        'gamedays/staging-region-failover.yaml',
      ],
    ]);
    expect(items[0].steps.map(s => s.type)).toEqual([
      'check',
      'chaos',
      'chaos',
      'failover',
      'check',
      'check',
    ]);
  });

  it('accepts a valid scenario', () => {
    expect(check(valid)).toEqual({
      scenario: expect.objectContaining({ name: 'staging-drill' }),
      errors: [],
    });
  });

  it.each([
    ['an unknown top-level field', { ...valid, owner: 'x' }, 'owner'],
    ['an unknown step field', withStep(1, { sleep: true }), 'steps.1.sleep'],
    ['a huge title', { ...valid, title: 'x'.repeat(100_000) }, 'title'],
    ['a missing timeout', withStep(1, { timeout: undefined }), 'timeout'],
    ['an unknown step type', withStep(1, { type: 'reboot' }), 'steps.1.type'],
    ['a repeated step name', withStep(1, { name: 'pods' }), 'repeated'],
    [
      'a chaos step with both sources',
      withStep(0, { template: { type: 'pod-failure' } }),
      'exactly one of experimentId and template',
    ],
    [
      'an experiment not in the library',
      withStep(0, { experimentId: 'PodChaos/ntai/nope' }),
      "'PodChaos/ntai/nope' is not a valid experiment",
    ],
    [
      'a production experiment in staging',
      withStep(0, { experimentId: 'PodChaos/ntai/api-pod-failure-10pct' }),
      'is a production experiment',
    ],
    [
      'a Workflow',
      withStep(0, { experimentId: 'Workflow/ntai/gameday-region-failover' }),
      'Workflow is not run on its own',
    ],
    [
      'invalid template input',
      withStep(0, {
        experimentId: undefined,
        template: {
          type: 'pod-failure',
          workload: { namespace: 'ntai', name: 'ntai-api' },
          duration: '1m',
          mode: 'fixed-percent',
          value: 150,
          stopConditions: [],
        },
      }),
      'template:',
    ],
    [
      'a step region outside the scenario',
      withStep(0, { regions: ['northeurope'] }),
      'not a region of the scenario',
    ],
    [
      'a failover from elsewhere',
      withStep(2, { fromRegion: 'northeurope' }),
      'steps.2.fromRegion',
    ],
    [
      'a metric that is not a recording rule',
      withStep(3, { metric: 'up' }),
      "'up' is not a recording rule",
    ],
    [
      'PromQL instead of a metric name',
      withStep(3, { metric: 'up{job="x"} or vector(1)' }),
      'must be a Prometheus metric name',
    ],
    [
      'a timeout shorter than the wait',
      withStep(1, { duration: '5m' }),
      'shorter than the step',
    ],
    [
      'a negative-looking duration',
      withStep(1, { duration: '-1m' }),
      'Go duration',
    ],
    ['a name unlike its file', { ...valid, name: 'other' }, 'file name'],
  ])('rejects %s', (_what, doc, message) => {
    const result = check(doc);
    expect(result.scenario).toBeUndefined();
    expect(result.errors.join('\n')).toContain(message);
  });

  it('rejects hostile YAML without expanding it', () => {
    const bomb = [
      'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      ...Array.from(
        { length: 8 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(
            98 + i,
          )} [${Array(9)
            .fill(`*${String.fromCharCode(97 + i)}`)
            .join(',')}]`,
      ),
    ].join('\n');
    const started = Date.now();
    expect(check(bomb).errors.join('\n')).toMatch(/YAML: .*alias/i);
    expect(Date.now() - started).toBeLessThan(2000);

    const huge = `name: staging-drill\ndescription: "${'x'.repeat(
      2 * 1024 * 1024,
    )}"\n`;
    expect(check(huge).errors).toEqual([expect.stringMatching(/larger than/)]);
    expect(
      check(`${stringify(valid)}\n---\n${stringify(valid)}`).errors,
    ).toEqual(['expected one YAML document, found 2']);
    expect(check('- just\n- a list\n').errors.join()).toMatch(
      /expected object/i,
    );
    expect(check('name: a\nname: b\n').errors.join()).toMatch(
      /YAML: .*unique/i,
    );
    expect(check('{ unclosed').errors[0]).toMatch(/^YAML: /);
  });

  it('lists invalid files with their problems and refuses to start them', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'scenarios-'));
    try {
      fs.mkdirSync(path.join(root, 'gamedays'));
      const write = (file: string, doc: unknown) =>
        fs.writeFileSync(path.join(root, 'gamedays', file), stringify(doc));
      write('staging-drill.yaml', valid);
      write('broken.yaml', { ...valid, name: 'broken', regions: [] });
      write('staging-drill.yml', valid);
      write('other.yaml', valid);
      fs.writeFileSync(path.join(root, 'gamedays', 'README.md'), '# not YAML');
      const scenarios = GameDayScenarios.create({
        repoRoot: root,
        experiments: { list: async () => library },
        refreshMs: 0,
      });
      const { items, problems } = await scenarios.list();
      // Two files claim one name: neither runs until someone decides.
      // (A name must match its file, so only .yaml and .yml can clash.)
      expect(items).toEqual([]);
      expect([...new Set(problems.map(p => p.file))].sort()).toEqual([
        'gamedays/broken.yaml',
        'gamedays/other.yaml',
        'gamedays/staging-drill.yaml',
        'gamedays/staging-drill.yml',
      ]);
      await expect(scenarios.get('broken')).rejects.toThrow(
        /gamedays\/broken.yaml is invalid: regions/,
      );
      await expect(scenarios.get('missing')).rejects.toThrow(/not found/);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
