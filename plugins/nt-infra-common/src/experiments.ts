import { EnvironmentName } from './types';

/** A chaos stop condition: roll back when `metric op threshold` holds for `for`. @public */
export interface StopCondition {
  /** A recording rule of monitoring/prometheus, e.g. `ntai:slo_burn_rate:5m`. */
  metric: string;
  op: '>' | '>=' | '<' | '<=';
  threshold: number;
  /** Go duration, e.g. `1m`. */
  for: string;
}

/** An experiment of the library in `kubernetes/chaos-experiments/`. @public */
export interface Experiment {
  /** `<Kind>/<namespace>/<name>`, unique in the library. */
  id: string;
  file: string;
  kind: string;
  namespace: string;
  name: string;
  title: string;
  description: string;
  environment: EnvironmentName;
  expectedImpact: string;
  stopConditions: StopCondition[];
  cadence?: 'on-demand' | 'daily' | 'weekly' | 'monthly';
  region?: string;
  /** The manifest as it is in the repository. */
  resource: Record<string, unknown>;
}

/** A file of the library that failed validation, with the reason. @public */
export interface ExperimentProblem {
  file: string;
  message: string;
}

/** Response of `GET /api/nt-infra/experiments`. @public */
export interface ExperimentsResponse {
  items: Experiment[];
  /** Validation errors of the library: invalid experiments are listed, not hidden. */
  problems: ExperimentProblem[];
}
