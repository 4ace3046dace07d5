import {
  createApiFactory,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import {
  ApiBlueprint,
  createFrontendPlugin,
  createRouteRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import CloudIcon from '@material-ui/icons/Cloud';
import { NtInfraClient, ntInfraApiRef } from './api';
import { hasInfraAnnotations } from './components/EntityRegionsCard/entityAnnotations';

/** The Infrastructure page. @public */
export const rootRouteRef = createRouteRef();

const ntInfraApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams(
      createApiFactory({
        api: ntInfraApiRef,
        deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
        factory: ({ discoveryApi, fetchApi }) =>
          new NtInfraClient({ discoveryApi, fetchApi }),
      }),
    ),
});

const infrastructurePage = PageBlueprint.make({
  params: {
    path: '/nt-infra',
    title: 'Infrastructure',
    icon: <CloudIcon />,
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/InfrastructurePage').then(m => (
        <m.InfrastructurePage />
      )),
  },
});

const entityRegionsCard = EntityCardBlueprint.make({
  name: 'regions',
  params: {
    filter: hasInfraAnnotations,
    loader: () =>
      import('./components/EntityRegionsCard').then(m => (
        <m.EntityRegionsCard />
      )),
  },
});

/**
 * The nt-infra frontend plugin: the Infrastructure page and entity cards.
 *
 * @public
 */
export default createFrontendPlugin({
  pluginId: 'nt-infra',
  info: { packageJson: () => import('../package.json') },
  routes: { root: rootRouteRef },
  extensions: [ntInfraApi, infrastructurePage, entityRegionsCard],
});
