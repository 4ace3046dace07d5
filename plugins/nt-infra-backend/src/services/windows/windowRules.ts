import { InputError } from '@backstage/errors';
import { PRODUCTION_MAX_FRACTION } from '@internal/iac-validation';
import { EnvironmentName } from '@internal/plugin-nt-infra-common';
import { parseStopCondition } from '../chaos/stopConditionGrammar';
import { NewWindow, WindowLimits } from './types';

/** A window request as the API receives it (times as ISO 8601 strings). */
export interface WindowRequest {
  environment: EnvironmentName;
  startsAt: string;
  endsAt: string;
  reason: string;
  limits: WindowLimits;
}

const HOUR_MS = 60 * 60 * 1000;
/** Long enough for a GameDay, short enough that approvers can reason about it. */
export const MAX_WINDOW_MS = 8 * HOUR_MS;
/** Approvers decide on the system as it is now; further ahead it will have changed. */
export const MAX_LEAD_MS = 30 * 24 * HOUR_MS;

function invalid(field: string, message: string): InputError {
  return new InputError(`Invalid field '${field}': ${message}`);
}

function instant(field: string, value: string): Date {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) {
    throw invalid(field, 'expected an ISO 8601 instant');
  }
  return new Date(ms);
}

/**
 * The rules of a window request, server-side: whatever the client checked,
 * these decide. Throws InputError naming the first offending field.
 */
export async function validateWindowRequest(options: {
  input: WindowRequest;
  requestedBy: string;
  now: Date;
  knownExperiments: () => Promise<Set<string>>;
  /** The run policy's production limit (DESIGN.md principle 4: at most 10% by default). */
  productionMaxFraction?: number;
}): Promise<NewWindow> {
  const { input, now } = options;
  if (input.environment !== 'production') {
    throw invalid(
      'environment',
      `chaos windows are only for production; ${input.environment} runs need no window`,
    );
  }
  const startsAt = instant('startsAt', input.startsAt);
  const endsAt = instant('endsAt', input.endsAt);
  if (startsAt.getTime() <= now.getTime()) {
    throw invalid('startsAt', 'must be in the future');
  }
  if (startsAt.getTime() - now.getTime() > MAX_LEAD_MS) {
    throw invalid('startsAt', 'must be at most 30 days ahead');
  }
  if (endsAt.getTime() <= startsAt.getTime()) {
    throw invalid('endsAt', 'must be after startsAt');
  }
  if (endsAt.getTime() - startsAt.getTime() > MAX_WINDOW_MS) {
    throw invalid('endsAt', 'a window lasts at most 8 hours');
  }
  const reason = input.reason.trim();
  if (!reason) {
    throw invalid('reason', 'must not be empty');
  }
  return {
    environment: input.environment,
    startsAt,
    endsAt,
    requestedBy: options.requestedBy,
    reason,
    limits: await validateLimits(
      input.limits,
      options.knownExperiments,
      options.productionMaxFraction ?? PRODUCTION_MAX_FRACTION,
    ),
  };
}

async function validateLimits(
  limits: WindowLimits,
  knownExperiments: () => Promise<Set<string>>,
  productionMaxFraction: number,
): Promise<WindowLimits> {
  const { maxFraction } = limits;
  if (
    !Number.isFinite(maxFraction) ||
    maxFraction <= 0 ||
    maxFraction > productionMaxFraction
  ) {
    throw invalid(
      'limits.maxFraction',
      `must be greater than 0 and at most ${productionMaxFraction} (${Math.round(
        productionMaxFraction * 100,
      )}% of the matching pods)`,
    );
  }
  const experiments = [...new Set(limits.experiments)];
  if (experiments.length === 0) {
    throw invalid('limits.experiments', 'name at least one experiment');
  }
  const unknown = await findUnknownExperiments(experiments, knownExperiments);
  if (unknown.length > 0) {
    throw invalid(
      'limits.experiments',
      `not in the experiment library: ${unknown.join(', ')}`,
    );
  }
  const regions = [...new Set(limits.regions)];
  if (regions.length === 0) {
    throw invalid('limits.regions', 'name at least one region');
  }
  // A production fault without a way to stop it automatically is not allowed
  // (DESIGN.md principle 4), so a window must name at least one.
  if (limits.stopConditions.length === 0) {
    throw invalid('limits.stopConditions', 'name at least one stop condition');
  }
  // The watcher's own grammar: a window's conditions are added to every run in it.
  const stopConditions = limits.stopConditions.map(
    (c, i) => parseStopCondition(c, `limits.stopConditions.${i}`).condition,
  );
  return {
    experiments,
    regions,
    maxFraction,
    stopConditions,
  };
}

/** Experiments the library no longer (or never) had; empty when all are known. */
export async function findUnknownExperiments(
  experiments: string[],
  knownExperiments: () => Promise<Set<string>>,
): Promise<string[]> {
  const known = await knownExperiments();
  return experiments.filter(e => !known.has(e));
}
