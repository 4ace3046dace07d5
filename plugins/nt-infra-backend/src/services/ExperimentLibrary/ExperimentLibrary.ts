import {
  buildOverlayAsync,
  CHAOS_LIBRARY_DIR,
  recordingRuleNames,
  validateChaosLibrary,
  workloadsOf,
} from '@internal/iac-validation';
import {
  EnvironmentName,
  ExperimentsResponse,
} from '@internal/plugin-nt-infra-common';
import { resolveRepoRoot } from '../repository/resolveRepoRoot';
import { UpstreamCache } from '../UpstreamCache';

/**
 * The chaos-experiment library of the repository (`kubernetes/chaos-experiments/`),
 * read and validated with the same checks CI runs: schemas, Chaos Mesh's
 * webhook rules, metadata, and the production blast-radius policy against
 * the workloads of each kustomize overlay. Invalid files are reported, not hidden.
 */
export class ExperimentLibrary {
  private constructor(
    private readonly repoRoot: string,
    private readonly cache: UpstreamCache,
  ) {}

  /** `repoRoot`: `ntInfra.repository.root`, see resolveRepoRoot. */
  static create(options: { repoRoot?: string; refreshMs: number }) {
    return new ExperimentLibrary(
      resolveRepoRoot(options.repoRoot),
      new UpstreamCache({ refreshMs: options.refreshMs }),
    );
  }

  async list(): Promise<ExperimentsResponse> {
    const observed = await this.cache.read('library', () => this.readLibrary());
    if (!observed.value) {
      return {
        items: [],
        problems: [
          {
            file: CHAOS_LIBRARY_DIR,
            message: `the library could not be read: ${observed.error}`,
          },
        ],
      };
    }
    return observed.value;
  }

  /**
   * The namespaces the environment's overlay deploys workloads to: the only
   * ones an experiment may reach. Empty when the overlay cannot be built, so
   * that nothing is allowed rather than everything.
   */
  async workloadNamespaces(environment: EnvironmentName): Promise<Set<string>> {
    const observed = await this.cache.read(
      `namespaces:${environment}`,
      async () =>
        workloadsOf(await buildOverlayAsync(this.repoRoot, environment)).map(
          w => w.namespace,
        ),
    );
    return new Set(observed.value ?? []);
  }

  private async readLibrary(): Promise<ExperimentsResponse> {
    // Child processes, not spawnSync: the event loop keeps serving meanwhile.
    const [staging, production] = await Promise.all([
      buildOverlayAsync(this.repoRoot, 'staging'),
      buildOverlayAsync(this.repoRoot, 'production'),
    ]);
    const workloads = {
      staging: workloadsOf(staging),
      production: workloadsOf(production),
    };
    const { experiments, problems } = validateChaosLibrary(this.repoRoot, {
      workloads,
      recordingRules: recordingRuleNames(this.repoRoot),
    });
    const invalidFiles = new Set(problems.map(p => p.file));
    return {
      items: experiments
        .filter(e => !invalidFiles.has(e.file))
        .map(e => {
          const meta = e.resource.metadata as { namespace?: string };
          const namespace = String(meta?.namespace ?? 'default');
          return {
            id: `${e.kind}/${namespace}/${e.name}`,
            file: e.file,
            kind: e.kind,
            namespace,
            name: e.name,
            title: e.metadata.title,
            description: e.metadata.description,
            environment: e.metadata.environment as EnvironmentName,
            expectedImpact: e.metadata.expectedImpact,
            stopConditions: e.metadata.stopConditions,
            cadence: e.metadata.cadence,
            region: e.metadata.region,
            resource: e.resource,
          };
        }),
      problems,
    };
  }
}
