/**
 * The Backstage search types of nt-infra's documents, shared by the
 * collators that index them and the search page that filters and shows
 * them. One type per read permission: search shows a type only to users
 * the policy lets read it.
 * @public
 */
export const NT_INFRA_SEARCH_TYPES = {
  /** The chaos experiment library (`nt-infra.experiment.read`). */
  experiment: 'nt-infra-experiment',
  /** Chaos runs, failover tests and GameDays (`nt-infra.run.read`). */
  run: 'nt-infra-run',
} as const;
