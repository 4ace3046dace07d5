import {
  createApiFactory,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import {
  ApiBlueprint,
  createFrontendPlugin,
  PageBlueprint,
  SubPageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import CloudIcon from '@material-ui/icons/Cloud';
import { NtInfraClient, ntInfraApiRef } from './api';
import { hasInfraAnnotations } from './components/EntityRegionsCard/entityAnnotations';
import { readEntityWorkload } from './components/EntityRunsCard/entityWorkload';
import { historyRouteRef, rootRouteRef } from './routes';

export { rootRouteRef };

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

/**
 * The Infrastructure page is a shell of tabs: each view is a sub-page, so the
 * later ones (Chaos, Failover tests, GameDay, Approvals, GitOps) slot in as
 * more `SubPageBlueprint`s without touching the others. `/nt-infra` lands on
 * the first tab, the overview.
 */
const infrastructurePage = PageBlueprint.make({
  params: {
    path: '/nt-infra',
    title: 'Infrastructure',
    icon: <CloudIcon />,
    routeRef: rootRouteRef,
  },
});

const overviewSubPage = SubPageBlueprint.make({
  name: 'overview',
  params: {
    path: 'overview',
    title: 'Overview',
    loader: () =>
      import('./components/RegionsOverviewPage').then(m => (
        <m.RegionsOverviewPage />
      )),
  },
});

const trafficManagerSubPage = SubPageBlueprint.make({
  name: 'traffic-manager',
  params: {
    path: 'traffic-manager',
    title: 'Traffic Manager',
    loader: () =>
      import('./components/TrafficManagerPage').then(m => (
        <m.TrafficManagerPage />
      )),
  },
});

const chaosSubPage = SubPageBlueprint.make({
  name: 'chaos',
  params: {
    path: 'chaos',
    title: 'Chaos',
    loader: () => import('./components/ChaosPage').then(m => <m.ChaosPage />),
  },
});

const failoverSubPage = SubPageBlueprint.make({
  name: 'failover',
  params: {
    path: 'failover',
    title: 'Failover tests',
    loader: () =>
      import('./components/FailoverPage').then(m => <m.FailoverPage />),
  },
});

const gamedaySubPage = SubPageBlueprint.make({
  name: 'gameday',
  params: {
    path: 'gameday',
    title: 'GameDay',
    loader: () =>
      import('./components/GameDayPage').then(m => <m.GameDayPage />),
  },
});

/** GitOps change requests; one request's page is `gitops?change=<id>`, like runs. */
const gitopsSubPage = SubPageBlueprint.make({
  name: 'gitops',
  params: {
    path: 'gitops',
    title: 'GitOps',
    loader: () => import('./components/GitOpsPage').then(m => <m.GitOpsPage />),
  },
});

/** Run history; a run's own page is `history?run=<id>` (see routes.ts). */
const historySubPage = SubPageBlueprint.make({
  name: 'history',
  params: {
    path: 'history',
    title: 'History',
    routeRef: historyRouteRef,
    loader: () =>
      import('./components/RunsHistoryPage').then(m => <m.RunsHistoryPage />),
  },
});

const approvalsSubPage = SubPageBlueprint.make({
  name: 'approvals',
  params: {
    path: 'approvals',
    title: 'Approvals',
    loader: () =>
      import('./components/ApprovalsPage').then(m => <m.ApprovalsPage />),
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

/** What each environment and region runs, and whether main is delivered everywhere. */
const entityDeliveryCard = EntityCardBlueprint.make({
  name: 'delivery',
  params: {
    filter: hasInfraAnnotations,
    loader: () =>
      import('./components/DeliveryStatus').then(m => <m.EntityDeliveryCard />),
  },
});

/** The entity's recent chaos runs and its environments' last failover RTO. */
const entityRunsCard = EntityCardBlueprint.make({
  name: 'runs',
  params: {
    filter: hasInfraAnnotations,
    loader: () =>
      import('./components/EntityRunsCard').then(m => <m.EntityRunsCard />),
  },
});

/**
 * The entity's resilience score, its reasons and trend: on entities whose runs
 * the portal can find (nt-infra or Kubernetes workload annotations).
 */
const entityResilienceCard = EntityCardBlueprint.make({
  name: 'resilience',
  params: {
    filter: entity =>
      hasInfraAnnotations(entity) || readEntityWorkload(entity) !== undefined,
    loader: () =>
      import('./components/ResilienceScoreCard').then(m => (
        <m.ResilienceScoreCard />
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
  routes: { root: rootRouteRef, history: historyRouteRef },
  extensions: [
    ntInfraApi,
    infrastructurePage,
    overviewSubPage,
    trafficManagerSubPage,
    chaosSubPage,
    failoverSubPage,
    gamedaySubPage,
    gitopsSubPage,
    historySubPage,
    approvalsSubPage,
    entityRegionsCard,
    entityDeliveryCard,
    entityRunsCard,
    entityResilienceCard,
  ],
});
