import { Config } from '@backstage/config';
import { BurnRateWindow } from '@internal/plugin-nt-infra-common';
import {
  FailoverSettings,
  readFailoverSettings,
} from './services/failoverRuns';
import {
  DEFAULT_THRESHOLDS,
  VerdictThresholds,
} from './services/health/regionVerdict';
import { readRunPolicySettings, RunPolicySettings } from './services/policy';
import { DEFAULT_PREVIEW_LIMIT, PreviewLimit } from './routes/previewRateLimit';

/** The plugin's `ntInfra.*` settings, with their defaults, read in one place. */
export interface NtInfraSettings {
  /** How long an upstream read is reused (`refreshIntervalSeconds`, default 5 s). */
  refreshMs: number;
  /** Namespace of the platform's workloads in every region cluster (default `ntai`). */
  workloadNamespace: string;
  slo: { budgetWindow: BurnRateWindow; thresholds: VerdictThresholds };
  /** `repository.root`; otherwise found above the working directory. */
  repositoryRoot?: string;
  runs: { tickMs: number; leaseMs: number };
  policy: RunPolicySettings;
  failover: FailoverSettings;
  previews: PreviewLimit;
}

export function readNtInfraSettings(config: Config): NtInfraSettings {
  const seconds = (key: string, fallback: number) =>
    (config.getOptionalNumber(key) ?? fallback) * 1000;
  return {
    refreshMs: seconds('ntInfra.refreshIntervalSeconds', 5),
    workloadNamespace:
      config.getOptionalString('ntInfra.workloadNamespace') ?? 'ntai',
    slo: {
      budgetWindow: (config.getOptionalString('ntInfra.slo.budgetWindow') ??
        '30d') as BurnRateWindow,
      thresholds: {
        ...DEFAULT_THRESHOLDS,
        objective:
          config.getOptionalNumber('ntInfra.slo.objective') ??
          DEFAULT_THRESHOLDS.objective,
      },
    },
    repositoryRoot: config.getOptionalString('ntInfra.repository.root'),
    runs: {
      tickMs: seconds('ntInfra.runs.tickSeconds', 1),
      leaseMs: seconds('ntInfra.runs.leaseSeconds', 30),
    },
    policy: readRunPolicySettings(config),
    failover: readFailoverSettings(config),
    previews: {
      perUser:
        config.getOptionalNumber('ntInfra.previews.perUser') ??
        DEFAULT_PREVIEW_LIMIT.perUser,
      windowMs: seconds(
        'ntInfra.previews.windowSeconds',
        DEFAULT_PREVIEW_LIMIT.windowMs / 1000,
      ),
    },
  };
}
