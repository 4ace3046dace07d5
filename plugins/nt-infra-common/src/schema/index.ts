/*
 * The request contract of the nt-infra API: each route's body, query and
 * path parameters as zod schemas. The backend parses with them; the request
 * types the frontend's client sends are inferred from them (`types.ts`).
 * A response whose shape crosses packages in ways a cast used to paper over
 * (the GameDay report) has its schema here too.
 */
export * from './primitives';
export * from './reads';
export * from './runs';
export * from './chaosRuns';
export * from './failoverTests';
export * from './gamedays';
export * from './gameDayReport';
export * from './stopConditions';
export * from './windows';
export * from './gitops';
export * from './resilience';
