import { InputError } from '@backstage/errors';
import {
  CHAOS_TEMPLATE_TYPES,
  ChaosTemplateType,
  EnvironmentName,
} from '@internal/plugin-nt-infra-common';
import { ChaosResource } from '../../providers/clusters/ClusterProvider';
import {
  cpuStressTemplate,
  databaseThrottlingTemplate,
  memoryStressTemplate,
  networkLatencyTemplate,
  podFailureTemplate,
} from '../chaos';

export const TEMPLATE_TYPES = CHAOS_TEMPLATE_TYPES;
export type TemplateType = ChaosTemplateType;

const BUILDERS: Record<TemplateType, (input: any) => ChaosResource> = {
  'pod-failure': podFailureTemplate,
  'network-latency': networkLatencyTemplate,
  'cpu-stress': cpuStressTemplate,
  'memory-stress': memoryStressTemplate,
  'database-throttling': databaseThrottlingTemplate,
};

/**
 * A parameterised experiment for this run. The template validates its own
 * input (InputError naming the field); the run id and environment are the
 * server's, never the caller's.
 */
export function resolveTemplate(
  template: { type: TemplateType } & Record<string, unknown>,
  environment: EnvironmentName,
  seed: string,
): { resource: ChaosResource; sourceId: string } {
  const { type, ...input } = template;
  if ('runId' in input || 'environment' in input) {
    throw new InputError(
      `Invalid body field 'template': runId and environment are set by the portal`,
    );
  }
  return {
    resource: BUILDERS[type]({ ...input, runId: seed, environment }),
    sourceId: `template:${type}`,
  };
}
