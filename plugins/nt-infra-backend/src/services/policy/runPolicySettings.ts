import { Config } from '@backstage/config';
import { PRODUCTION_MAX_FRACTION } from '@internal/iac-validation';

/** The configured limits of the run policy. */
export interface RunPolicySettings {
  /**
   * Largest share of matching pods a production fault may hit. The offline
   * validators check the library against the same default
   * (PRODUCTION_MAX_FRACTION); configuration may only lower it.
   */
  productionMaxFraction: number;
  /** Longest a production fault may last. */
  productionMaxDurationSeconds: number;
  /** Production failover tests need an approved window listing FAILOVER_TEST_EXPERIMENT. */
  failoverRequiresWindow: boolean;
}

/** `ntInfra.runs.*` and `ntInfra.failover.productionRequiresWindow`, with their defaults. */
export function readRunPolicySettings(config: Config): RunPolicySettings {
  const configured = config.getOptionalNumber(
    'ntInfra.runs.productionMaxFraction',
  );
  if (
    configured !== undefined &&
    !(configured > 0 && configured <= PRODUCTION_MAX_FRACTION)
  ) {
    throw new Error(
      `ntInfra.runs.productionMaxFraction must be greater than 0 and at most ${PRODUCTION_MAX_FRACTION} (got ${configured})`,
    );
  }
  return {
    productionMaxFraction: configured ?? PRODUCTION_MAX_FRACTION,
    productionMaxDurationSeconds:
      config.getOptionalNumber('ntInfra.runs.productionMaxDurationSeconds') ??
      3600,
    failoverRequiresWindow:
      config.getOptionalBoolean('ntInfra.failover.productionRequiresWindow') ??
      true,
  };
}
