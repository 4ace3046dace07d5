import { InputError } from '@backstage/errors';
import { BurnRateWindow } from '@internal/plugin-nt-infra-common';

/**
 * The recording rules of monitoring/prometheus/rules/sli.rules.yaml that the
 * portal reads (names as in monitoring/prometheus/README.md). CI rejects
 * queries naming other metrics, and the sandbox serves exactly these.
 */
export const SLI_RULES = {
  requestRate: 'ntai:http_requests:rate5m',
  errorRatio: 'ntai:http_errors:ratio_rate5m',
  latencyP99: 'ntai:http_request_duration_seconds:p99_5m',
  availability: 'ntai:availability:ratio_rate5m',
  replicationLag: 'ntai:db_replication_lag_seconds:max',
} as const;

/** The windows of `ntai:http_errors:ratio_rate<w>` and `ntai:slo_burn_rate:<w>`. */
export const BURN_RATE_WINDOWS: readonly BurnRateWindow[] = [
  '5m',
  '30m',
  '1h',
  '2h',
  '6h',
  '1d',
  '3d',
  '30d',
];

/** Each window in seconds: the SLO's arithmetic (a budget's cost) needs its length. */
export const BURN_RATE_WINDOW_SECONDS: Record<BurnRateWindow, number> = {
  '5m': 300,
  '30m': 1800,
  '1h': 3600,
  '2h': 7200,
  '6h': 21_600,
  '1d': 86_400,
  '3d': 259_200,
  '30d': 2_592_000,
};

/** A PromQL double-quoted string literal: backslash, quote and newline escaped. */
export function promqlString(value: string): string {
  return `"${value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')}"`;
}

function assertWindow(window: string): asserts window is BurnRateWindow {
  // The window becomes part of a metric name; only recorded windows exist.
  if (!(BURN_RATE_WINDOWS as readonly string[]).includes(window)) {
    throw new InputError(
      `Unknown SLO window '${window}', expected one of ${BURN_RATE_WINDOWS.join(
        ', ',
      )}`,
    );
  }
}

export interface RegionSliQueries {
  /** Requests per second. */
  requestRate: string;
  /** 5xx share of requests over 5 minutes. */
  errorRatio: string;
  /** 5xx share of requests over a longer window. */
  errorRatioOver(window: BurnRateWindow): string;
  /** p99 latency in seconds. */
  latencyP99: string;
  /** 1 - error ratio over 5 minutes. */
  availability: string;
  /** Worst database replication lag in seconds. */
  replicationLag: string;
  /** Error-budget burn rate of the 99.9% availability SLO over a window. */
  burnRate(window: BurnRateWindow): string;
}

/** The SLI queries of one region, e.g. `ntai:http_requests:rate5m{region="eastus"}`. */
export function regionSliQueries(region: string): RegionSliQueries {
  const selector = `{region=${promqlString(region)}}`;
  return {
    requestRate: `${SLI_RULES.requestRate}${selector}`,
    errorRatio: `${SLI_RULES.errorRatio}${selector}`,
    errorRatioOver: window => {
      assertWindow(window);
      return `ntai:http_errors:ratio_rate${window}${selector}`;
    },
    latencyP99: `${SLI_RULES.latencyP99}${selector}`,
    availability: `${SLI_RULES.availability}${selector}`,
    replicationLag: `${SLI_RULES.replicationLag}${selector}`,
    burnRate: window => {
      assertWindow(window);
      return `ntai:slo_burn_rate:${window}${selector}`;
    },
  };
}
