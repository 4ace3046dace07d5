import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { parseExperimentMetadata } from '@internal/iac-validation';
import {
  ChaosRunPreview,
  EnvironmentName,
  Run,
} from '@internal/plugin-nt-infra-common';
import { createHash, randomUUID } from 'node:crypto';
import { AuditStore } from '../../database/AuditStore';
import { RunStore } from '../../database/RunStore';
import { ChaosResource } from '../../providers/clusters/ClusterProvider';
import { countedBlastRadius } from '../chaos';
import { goDurationMs } from '../chaos/goDuration';
import { EnvironmentCatalog } from '../EnvironmentCatalog';
import { ExperimentLibrary } from '../ExperimentLibrary';
import { PolicyDecision, RunPolicy } from '../policy';
import { ChaosRunRequest } from './chaosRunRequest';
import { ChaosRunParams } from './chaosRunParams';
import { resolveTemplate } from './resolveTemplate';

export interface ChaosRunServiceOptions {
  environments: EnvironmentCatalog;
  experiments: ExperimentLibrary;
  runs: RunStore;
  audit: AuditStore;
  /** The guard rails every run kind shares (halt, windows, error budget, limits). */
  policy: RunPolicy;
}

/** Kubernetes names are DNS labels: ≤ 63 characters. */
function runResourceName(seed: string, name: string): string {
  const short = seed.replace(/[^a-z0-9]/g, '').slice(0, 8);
  return `nt-${short}-${name}`.slice(0, 63).replace(/-+$/, '');
}

/**
 * Starts chaos runs: resolves the experiment (library or template), previews
 * the exact blast radius through the policy, applies the guard rails and
 * records the run (idempotently) for the reconciler to carry out.
 */
export class ChaosRunService {
  constructor(private readonly options: ChaosRunServiceOptions) {}

  async preview(
    request: ChaosRunRequest,
    requestedBy: string,
    seed = randomUUID(),
  ): Promise<{
    preview: ChaosRunPreview;
    decision: PolicyDecision;
    params: ChaosRunParams;
  }> {
    const { environments } = this.options;
    const env = environments.get(request.environment);
    for (const region of request.regions) {
      if (!env.regions.some(r => r.name === region)) {
        throw new InputError(
          `Invalid body field 'regions': '${region}' is not a region of ${env.name}`,
        );
      }
    }
    const { resource, sourceId } = await this.resolve(request, seed);
    const { metadata: meta, errors } = parseExperimentMetadata(
      resource as unknown as Record<string, unknown>,
    );
    if (!meta) {
      throw new InputError(`Invalid experiment: ${errors.join('; ')}`);
    }
    const durationMs =
      goDurationMs((resource.spec as { duration?: unknown }).duration) ?? 0;

    const regions = env.regions.filter(r => request.regions.includes(r.name));
    const radii = await this.options.policy.measureBlastRadius({
      resource,
      seed,
      clusters: regions.map(r => ({ region: r.name, cluster: r.cluster })),
    });
    const allowedNamespaces = await this.options.experiments.workloadNamespaces(
      request.environment,
    );
    const reached = new Set([
      resource.metadata.namespace ?? 'default',
      ...radii.flatMap(r => r.radius.matching.map(p => p.namespace)),
    ]);
    const decision = await this.options.policy.evaluateChaos({
      outsideNamespaces: [...reached]
        .filter(n => !allowedNamespaces.has(n))
        .sort(),
      environment: request.environment,
      regions: request.regions,
      experimentId: request.experimentId,
      requestedBy,
      blastRadius: radii.flatMap(({ region, radius }) =>
        countedBlastRadius(region, radius),
      ),
      stopConditions: meta.stopConditions,
      durationSeconds: durationMs / 1000,
    });
    const plans = radii.map(({ region, radius }) => ({
      region,
      cluster: radius.cluster,
      matching: radius.matching.length,
      targets: radius.targets.map(p => ({
        namespace: p.namespace,
        name: p.name,
      })),
    }));
    return {
      preview: {
        allowed: decision.allowed,
        reasons: decision.reasons,
        resource: resource as unknown as Record<string, unknown>,
        stopConditions: decision.stopConditions,
        blastRadius: radii.map(({ region, radius }, i) => ({
          ...plans[i],
          region,
          fraction: radius.fraction,
        })),
        windowId: decision.window?.id,
      },
      decision,
      params: {
        source: sourceId,
        resource,
        seed,
        plans,
        stopConditions: decision.stopConditions,
        metricsRegions: regions.map(r => r.metricsRegion),
        failSafe: decision.failSafe,
        durationMs,
        maxFraction: this.options.policy.maxFraction(
          request.environment,
          decision.window,
        ),
        windowId: decision.window?.id,
        // Carried so every tick can stop the fault when its window ends.
        windowEndsAt: decision.window?.endsAt,
      },
    };
  }

  /** Creates the run, or returns the one an earlier identical request created. */
  async start(
    request: ChaosRunRequest,
    requestedBy: string,
    idempotencyKey?: string,
  ): Promise<{ run: Run; created: boolean }> {
    const { preview, decision, params } = await this.preview(
      request,
      requestedBy,
    );
    await this.options.policy.enforce(decision, requestedBy, {
      action: 'chaos.run.start',
      targetType: 'environment',
      targetId: `${request.environment}/${request.regions.join(',')}`,
      details: { source: params.source, blastRadius: preview.blastRadius },
    });
    const title =
      request.title ??
      params.resource.metadata.annotations?.['nt-infra.io/title'] ??
      params.source;
    const { run, created } = await this.options.runs.createRun(
      {
        kind: 'chaos',
        environment: request.environment,
        regions: request.regions,
        title,
        entityRef: request.entityRef,
        experimentRef: request.experimentId,
        requestedBy,
        params: params as unknown as Record<string, unknown>,
        state: 'approved',
        reason: params.windowId
          ? `inside approved window ${params.windowId}`
          : `${request.environment} chaos needs no window`,
      },
      idempotencyKey
        ? {
            key: idempotencyKey,
            operation: 'chaos.run',
            requestHash: createHash('sha256')
              .update(JSON.stringify(request))
              .digest('hex'),
          }
        : undefined,
    );
    if (created) {
      await this.options.audit.append({
        actor: requestedBy,
        action: 'chaos.run.start',
        targetType: 'run',
        targetId: run.id,
        decision: 'allowed',
        reason: params.windowId
          ? `inside approved window ${params.windowId}`
          : 'policy allowed',
        details: { source: params.source, blastRadius: preview.blastRadius },
      });
    }
    return { run, created };
  }

  /**
   * Ends a chaos run: one not yet started ends at once; a running one goes
   * to `stopping`, marked as an abort, where the handler removes its faults.
   */
  async stop(id: string, actor: string, reason: string): Promise<Run> {
    const { runs, audit } = this.options;
    const run = await runs.getRun(id);
    if (!run || run.kind !== 'chaos') {
      throw new NotFoundError(`Chaos run '${id}' not found`);
    }
    const why = `stopped by ${actor}: ${reason}`;
    let stopped: Run;
    try {
      // An approved run may be mid-start, its fault being created right
      // now: it goes through stopping too, which removes whatever landed.
      stopped =
        run.state === 'pending-approval'
          ? await runs.transition(id, {
              from: ['pending-approval'],
              to: 'aborted',
              actor,
              reason: why,
              endedAt: new Date(),
            })
          : await runs.transition(id, {
              from: ['approved', 'running'],
              to: 'stopping',
              actor,
              reason: why,
              outcome: {
                ...(run.outcome ?? {}),
                ending: 'aborted',
                endingReason: why,
              },
            });
    } catch (error) {
      if (error instanceof ConflictError) {
        throw new ConflictError(
          `Run '${id}' is ${run.state}; it cannot be stopped now`,
        );
      }
      throw error;
    }
    await audit.append({
      actor,
      action: 'run.stop',
      targetType: 'run',
      targetId: id,
      decision: 'allowed',
      reason,
    });
    return stopped;
  }

  private async resolve(
    request: ChaosRunRequest,
    seed: string,
  ): Promise<{ resource: ChaosResource; sourceId: string }> {
    if (request.experimentId) {
      const library = await this.options.experiments.list();
      const experiment = library.items.find(e => e.id === request.experimentId);
      if (!experiment) {
        const invalid = library.problems.some(p =>
          p.message.includes(request.experimentId!),
        );
        throw new InputError(
          `Invalid body field 'experimentId': '${request.experimentId}' is ${
            invalid ? 'invalid' : 'not'
          } in the experiment library`,
        );
      }
      if (experiment.environment !== request.environment) {
        throw new InputError(
          `Invalid body field 'environment': experiment '${experiment.id}' is a ${experiment.environment} experiment`,
        );
      }
      if (
        !['PodChaos', 'NetworkChaos', 'StressChaos'].includes(experiment.kind)
      ) {
        throw new InputError(
          `Invalid body field 'experimentId': ${experiment.kind} is not run directly (schedules and workflows run through GameDays)`,
        );
      }
      const resource = experiment.resource as unknown as ChaosResource;
      return {
        // Named for the run, so the same experiment can run twice.
        resource: {
          ...resource,
          metadata: {
            ...resource.metadata,
            name: runResourceName(seed, resource.metadata.name),
          },
        },
        sourceId: experiment.id,
      };
    }
    try {
      return resolveTemplate(
        request.template!,
        request.environment as EnvironmentName,
        seed,
      );
    } catch (error) {
      // The template names its own field; the caller needs to know it is inside `template`.
      if (
        error instanceof InputError &&
        !error.message.startsWith('Invalid body field')
      ) {
        throw new InputError(`Invalid body field 'template': ${error.message}`);
      }
      throw error;
    }
  }
}
