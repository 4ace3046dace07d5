import {
  ChangeRequestInput,
  EnvironmentName,
} from '@internal/plugin-nt-infra-common';
import { EXPERIMENT_TEMPLATE, readExperimentYaml } from './experimentYaml';

/**
 * The changes the portal has a form for; a promotion is one form per setting.
 * A new chaos experiment is a new file of the library, written as YAML.
 */
export type FormKind =
  | 'scale-workload'
  | 'traffic-manager'
  | 'promote-hpa-bounds'
  | 'promote-dns-ttl'
  | 'chaos-experiment';

/** Promotions always copy staging to production: no environment to pick. */
export function hasEnvironment(kind: FormKind): boolean {
  return kind === 'scale-workload' || kind === 'traffic-manager';
}

/** The form as typed: strings, converted when the request is built. */
export interface ChangeDraft {
  kind: FormKind;
  environment: EnvironmentName;
  reason: string;
  workload: string;
  minReplicas: string;
  maxReplicas: string;
  replicas: string;
  dnsTtlSeconds: string;
  intervalInSeconds: string;
  timeoutInSeconds: string;
  toleratedNumberOfFailures: string;
  /** Chaos experiment: its file under the library, and the resource as YAML. */
  file: string;
  resourceYaml: string;
}

export const EMPTY_DRAFT: ChangeDraft = {
  kind: 'scale-workload',
  environment: 'staging',
  reason: '',
  workload: 'ntai-api',
  minReplicas: '',
  maxReplicas: '',
  replicas: '',
  dnsTtlSeconds: '',
  intervalInSeconds: '',
  timeoutInSeconds: '',
  toleratedNumberOfFailures: '',
  file: 'staging/api-pod-failure-one.yaml',
  resourceYaml: EXPERIMENT_TEMPLATE,
};

/**
 * An optional number: empty fields are left out ("give at least one" is the
 * backend's rule to enforce and word). A value that is not a number stays NaN,
 * which JSON sends as null, so the server's 400 names the field instead of
 * the portal silently dropping what was typed.
 */
const num = (v: string): number | undefined =>
  v.trim() === '' ? undefined : Number(v.trim());

function defined<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(o).filter(([, v]) => v !== undefined),
  ) as Partial<T>;
}

/** The request body for preview and create, from the form. */
export function buildChangeInput(draft: ChangeDraft): ChangeRequestInput {
  const reason = draft.reason.trim();
  if (draft.kind === 'chaos-experiment') {
    const { resource, problem } = readExperimentYaml(draft.resourceYaml);
    // The form does not offer Preview while the YAML has a problem.
    if (!resource) throw new Error(problem);
    return {
      kind: 'chaos-experiment',
      reason,
      params: { file: draft.file.trim(), resource },
    };
  }
  if (draft.kind === 'promote-hpa-bounds') {
    return {
      kind: 'promote',
      reason,
      params: {
        setting: { type: 'hpa-bounds', workload: draft.workload.trim() },
      },
    };
  }
  if (draft.kind === 'promote-dns-ttl') {
    return {
      kind: 'promote',
      reason,
      params: { setting: { type: 'dns-ttl' } },
    };
  }
  if (draft.kind === 'scale-workload') {
    return {
      kind: 'scale-workload',
      reason,
      params: {
        environment: draft.environment,
        workload: draft.workload.trim(),
        ...defined({
          minReplicas: num(draft.minReplicas),
          maxReplicas: num(draft.maxReplicas),
          replicas: num(draft.replicas),
        }),
      },
    };
  }
  const monitor = defined({
    intervalInSeconds: num(draft.intervalInSeconds),
    timeoutInSeconds: num(draft.timeoutInSeconds),
    toleratedNumberOfFailures: num(draft.toleratedNumberOfFailures),
  });
  return {
    kind: 'traffic-manager',
    reason,
    params: {
      environment: draft.environment,
      ...defined({ dnsTtlSeconds: num(draft.dnsTtlSeconds) }),
      // Probe settings are one Terraform block: send it only when one is set.
      ...(Object.keys(monitor).length > 0 ? { monitor } : {}),
    },
  };
}
