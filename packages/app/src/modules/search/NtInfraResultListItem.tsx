import { DefaultResultListItem } from '@backstage/plugin-search-react';
import { BaseSearchResultListItemProps } from '@backstage/plugin-search-react/alpha';
import { NT_INFRA_SEARCH_TYPES } from '@internal/plugin-nt-infra-common';
import { Box, Chip } from '@material-ui/core';
import CloudIcon from '@material-ui/icons/Cloud';
import HistoryIcon from '@material-ui/icons/History';

const KIND_LABELS: Record<string, string> = {
  chaos: 'Chaos run',
  failover: 'Failover test',
  gameday: 'GameDay',
};

/** The facts of an nt-infra document worth seeing before opening it. */
function facts(document: Record<string, unknown>): string[] {
  const text = (value: unknown) =>
    typeof value === 'string' && value !== '' ? value : undefined;
  const regions = Array.isArray(document.regions)
    ? document.regions.join(', ')
    : text(document.region);
  return [
    KIND_LABELS[String(document.runKind)] ?? text(document.kind),
    text(document.state),
    text(document.environment),
    regions,
  ].filter((fact): fact is string => Boolean(fact));
}

/**
 * An experiment, run, failover test or GameDay in the results: its title
 * links to its page in the portal (a run's History page, an experiment in
 * the Chaos tab's form), with what it is, its state and where.
 */
export function NtInfraResultListItem(props: BaseSearchResultListItemProps) {
  const { result, ...rest } = props;
  if (!result) {
    return null;
  }
  const document = result as unknown as Record<string, unknown>;
  const isRun = document.runKind !== undefined;
  return (
    <DefaultResultListItem
      {...rest}
      result={result}
      icon={isRun ? <HistoryIcon /> : <CloudIcon />}
      secondaryAction={
        <Box display="flex" flexWrap="wrap" style={{ gap: 4 }}>
          {facts(document).map(fact => (
            <Chip key={fact} label={fact} size="small" variant="outlined" />
          ))}
        </Box>
      }
    />
  );
}

export const NT_INFRA_TYPES: string[] = Object.values(NT_INFRA_SEARCH_TYPES);
