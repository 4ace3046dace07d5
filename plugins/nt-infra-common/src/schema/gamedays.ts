import { z } from 'zod';
import { ENTITY_REF_PATTERN, environmentName } from './primitives';

/** A GameDay scenario's name: a DNS label, its file in `gamedays/` without `.yaml`. @public */
export const SCENARIO_NAME_PATTERN = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** Body of `POST /gamedays`. @public */
export const gameDayRequest = z
  .object({
    scenario: z
      .string()
      .regex(SCENARIO_NAME_PATTERN, 'expected a scenario name'),
    /** When given, must be the scenario's: the caller says what they expect to hit. */
    environment: environmentName.optional(),
    entityRef: z
      .string()
      .max(300)
      .regex(ENTITY_REF_PATTERN, 'expected an entity ref')
      .optional(),
  })
  .strict();
