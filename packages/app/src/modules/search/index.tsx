import { createFrontendModule } from '@backstage/frontend-plugin-api';
import {
  SearchFilterResultTypeBlueprint,
  SearchResultListItemBlueprint,
} from '@backstage/plugin-search-react/alpha';
import { NT_INFRA_SEARCH_TYPES } from '@internal/plugin-nt-infra-common';
import CloudIcon from '@material-ui/icons/Cloud';
import HistoryIcon from '@material-ui/icons/History';
import { NT_INFRA_TYPES } from './NtInfraResultListItem';

/** The run history in the search page's type filter. */
export const ntInfraRunsResultType = SearchFilterResultTypeBlueprint.make({
  name: 'nt-infra-runs',
  params: {
    value: NT_INFRA_SEARCH_TYPES.run,
    name: 'Runs, failover tests & GameDays',
    icon: <HistoryIcon />,
  },
});

/** The experiment library in the search page's type filter. */
export const ntInfraExperimentsResultType =
  SearchFilterResultTypeBlueprint.make({
    name: 'nt-infra-experiments',
    params: {
      value: NT_INFRA_SEARCH_TYPES.experiment,
      name: 'Chaos experiments',
      icon: <CloudIcon />,
    },
  });

/** How the search page shows an nt-infra result. */
export const ntInfraResultListItem = SearchResultListItemBlueprint.make({
  name: 'nt-infra',
  params: {
    predicate: result => NT_INFRA_TYPES.includes(result.type),
    component: async () =>
      (await import('./NtInfraResultListItem')).NtInfraResultListItem,
  },
});

/**
 * nt-infra on the search page (/search): a result type each for the
 * experiment library and the run history, and their results linking to
 * their pages in the portal. The types are what the collators of
 * plugins/search-backend-module-nt-infra index.
 */
export const searchModule = createFrontendModule({
  pluginId: 'search',
  extensions: [
    ntInfraRunsResultType,
    ntInfraExperimentsResultType,
    ntInfraResultListItem,
  ],
});
