import { InputError, NotFoundError } from '@backstage/errors';
import {
  parseYamlDocuments,
  recordingRuleNames,
} from '@internal/iac-validation';
import {
  EnvironmentName,
  ExperimentsResponse,
  GameDayScenariosResponse,
} from '@internal/plugin-nt-infra-common';
import fs from 'node:fs';
import path from 'node:path';
import { chaosRunRequest } from '../chaosRuns/chaosRunRequest';
import { resolveTemplate } from '../chaosRuns/resolveTemplate';
import { UpstreamCache } from '../UpstreamCache';
import { Scenario, scenarioSchema, zodProblems } from './scenario';

/** The scenario library's folder, relative to the repository root. */
export const SCENARIOS_DIR = 'gamedays';
/** More files than this in the folder is a mistake, not a library. */
const MAX_FILES = 200;

export interface ScenarioProblem {
  file: string;
  message: string;
}

export interface LibraryScenario extends Scenario {
  file: string;
}

/** Response of `GET /gamedays/scenarios`: invalid files are listed, not hidden. */
export interface ScenariosResponse extends GameDayScenariosResponse {
  items: LibraryScenario[];
  problems: ScenarioProblem[];
}

const RUNNABLE_KINDS = ['PodChaos', 'NetworkChaos', 'StressChaos'];

/**
 * The GameDay scenarios of the repository (`gamedays/*.yaml`), parsed with
 * the YAML limits of the IaC validators and checked against what they name:
 * library experiments (existing, valid, of the scenario's environment and
 * runnable on their own), template input, and recording rules for checks.
 */
export class GameDayScenarios {
  private constructor(
    private readonly repoRoot: string,
    private readonly experiments: { list(): Promise<ExperimentsResponse> },
    private readonly cache: UpstreamCache,
  ) {}

  static create(options: {
    repoRoot: string;
    experiments: { list(): Promise<ExperimentsResponse> };
    /** How long a read of the folder is reused; 0 reads it on every call. */
    refreshMs?: number;
  }): GameDayScenarios {
    return new GameDayScenarios(
      path.resolve(options.repoRoot),
      options.experiments,
      new UpstreamCache({ refreshMs: options.refreshMs ?? 30_000 }),
    );
  }

  async list(): Promise<ScenariosResponse> {
    const observed = await this.cache.read('scenarios', () => this.read());
    return (
      observed.value ?? {
        items: [],
        problems: [
          {
            file: SCENARIOS_DIR,
            message: `the scenarios could not be read: ${observed.error}`,
          },
        ],
      }
    );
  }

  /** A valid scenario by name; InputError naming the problems when it is invalid. */
  async get(name: string): Promise<LibraryScenario> {
    const { items, problems } = await this.list();
    const scenario = items.find(s => s.name === name);
    if (scenario) {
      return scenario;
    }
    const file = `${SCENARIOS_DIR}/${name}.yaml`;
    const own = problems.filter(p => p.file === file);
    if (own.length > 0) {
      throw new InputError(
        `Invalid body field 'scenario': ${file} is invalid: ${own
          .map(p => p.message)
          .join('; ')}`,
      );
    }
    throw new NotFoundError(`GameDay scenario '${name}' not found`);
  }

  private async read(): Promise<ScenariosResponse> {
    const dir = path.join(this.repoRoot, SCENARIOS_DIR);
    const problems: ScenarioProblem[] = [];
    if (!fs.existsSync(dir)) {
      return {
        items: [],
        problems: [{ file: SCENARIOS_DIR, message: 'no scenarios folder' }],
      };
    }
    const files = fs
      .readdirSync(dir, { withFileTypes: true })
      .filter(e => e.isFile() && /\.ya?ml$/.test(e.name))
      .map(e => e.name)
      .sort();
    if (files.length > MAX_FILES) {
      problems.push({
        file: SCENARIOS_DIR,
        message: `${files.length} files; only the first ${MAX_FILES} are read`,
      });
    }
    const library = await this.experiments.list();
    const rules = recordingRuleNames(this.repoRoot);
    const items: LibraryScenario[] = [];
    for (const base of files.slice(0, MAX_FILES)) {
      const file = `${SCENARIOS_DIR}/${base}`;
      const text = fs.readFileSync(path.join(dir, base), 'utf8');
      const result = parseScenario(text, base, { library, rules });
      if (result.scenario) {
        items.push({ ...result.scenario, file });
      }
      problems.push(...result.errors.map(message => ({ file, message })));
    }
    // Two files with one name: neither is runnable until someone decides.
    const names = items.map(s => s.name);
    const duplicated = new Set(names.filter((n, i) => names.indexOf(n) !== i));
    for (const s of items.filter(i => duplicated.has(i.name))) {
      problems.push({
        file: s.file,
        message: `scenario name '${s.name}' is used by another file`,
      });
    }
    return {
      items: items.filter(s => !duplicated.has(s.name)),
      problems,
    };
  }
}

/**
 * Parses and checks one scenario file. `base` is the file name: the
 * scenario's `name` must be the file name without `.yaml`, so people find
 * the file of a run. Never throws.
 */
export function parseScenario(
  text: string,
  base: string,
  context: { library?: ExperimentsResponse; rules?: Set<string> } = {},
): { scenario?: Scenario; errors: string[] } {
  const { documents, errors } = parseYamlDocuments(text);
  if (errors.length > 0) {
    return { errors: errors.map(e => `YAML: ${e}`) };
  }
  if (documents.length !== 1) {
    return {
      errors: [`expected one YAML document, found ${documents.length}`],
    };
  }
  const parsed = scenarioSchema.safeParse(documents[0]);
  if (!parsed.success) {
    return { errors: zodProblems(parsed.error) };
  }
  const scenario = parsed.data;
  const problems: string[] = [];
  const stem = base.replace(/\.ya?ml$/, '');
  if (scenario.name !== stem) {
    problems.push(
      `name: '${scenario.name}' must match the file name '${stem}'`,
    );
  }
  scenario.steps.forEach((step, i) => {
    const at = `steps.${i}`;
    if (step.type === 'chaos') {
      problems.push(
        ...chaosStepProblems(scenario, step, context.library).map(
          m => `${at}: ${m}`,
        ),
      );
    }
    if (
      step.type === 'check' &&
      context.rules &&
      context.rules.size > 0 &&
      !context.rules.has(step.metric)
    ) {
      problems.push(
        `${at}.metric: '${step.metric}' is not a recording rule of monitoring/prometheus`,
      );
    }
  });
  return problems.length > 0 ? { errors: problems } : { scenario, errors: [] };
}

function chaosStepProblems(
  scenario: Scenario,
  step: Extract<Scenario['steps'][number], { type: 'chaos' }>,
  library: ExperimentsResponse | undefined,
): string[] {
  const request = chaosRequestOf(scenario, step);
  const parsed = chaosRunRequest.safeParse(request);
  if (!parsed.success) {
    return zodProblems(parsed.error);
  }
  if (step.template) {
    try {
      resolveTemplate(
        step.template,
        scenario.environment as EnvironmentName,
        'scenario-check',
      );
    } catch (error) {
      return [`template: ${(error as Error).message}`];
    }
    return [];
  }
  if (!library) {
    return [];
  }
  const experiment = library.items.find(e => e.id === step.experimentId);
  if (!experiment) {
    return [
      `experimentId: '${step.experimentId}' is not a valid experiment of the library`,
    ];
  }
  if (experiment.environment !== scenario.environment) {
    return [
      `experimentId: '${experiment.id}' is a ${experiment.environment} experiment`,
    ];
  }
  if (!RUNNABLE_KINDS.includes(experiment.kind)) {
    return [
      `experimentId: ${experiment.kind} is not run on its own; name its PodChaos, NetworkChaos or StressChaos experiments as steps`,
    ];
  }
  return [];
}

/** The chaos-run request a chaos step makes (the same on every attempt). */
export function chaosRequestOf(
  scenario: Scenario,
  step: Extract<Scenario['steps'][number], { type: 'chaos' }>,
  entityRef?: string,
) {
  return {
    environment: scenario.environment,
    regions: step.regions ?? scenario.regions,
    ...(step.experimentId ? { experimentId: step.experimentId } : {}),
    ...(step.template ? { template: step.template } : {}),
    title: `${scenario.title}: ${step.name}`.slice(0, 200),
    ...(entityRef ? { entityRef } : {}),
  };
}
