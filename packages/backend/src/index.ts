import { createBackend } from '@backstage/backend-defaults';
import { rootHttpRouter } from './http/rootHttpRouter';
import { flushTelemetryOnShutdown, startOpenTelemetry } from './telemetry';

// Before the backend creates its services: spans and metrics of the portal
// itself to the OpenTelemetry collector, where OTEL_EXPORTER_OTLP_ENDPOINT is set.
const telemetry = startOpenTelemetry();

const backend = createBackend();
if (telemetry) backend.add(flushTelemetryOnShutdown(telemetry));

// Backstage's root router, with no server internals in production error bodies.
backend.add(rootHttpRouter);

// Serves the built frontend in production; the dev server does locally.
backend.add(import('@backstage/plugin-app-backend'));

// Sign-in: guest and sandbox users locally (app-config.development.yaml),
// GitHub in production, where the guard refuses to start with the former.
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
// GitHub sign-in for members of the configured organisation only, as the
// user the organisation provider made (replaces Backstage's github module).
backend.add(import('./modules/githubOrgSignIn'));
// Development only: sign in as a catalog user of auth.providers.sandbox-users.
backend.add(import('./modules/sandboxUsersAuth'));
backend.add(import('./modules/productionAuthGuard'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
// The Template kind (catalog/templates/).
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
// Production: users and groups from the GitHub organisation
// (catalog.providers.githubOrg); absent locally, where catalog/org.yaml is.
backend.add(import('./modules/githubOrg'));

// Role-based policy of ours; roles come from catalog groups (permission.roles).
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('./modules/permissionPolicy'));

// Kubernetes tab on entity pages, pointed at the region clusters.
backend.add(import('@backstage/plugin-kubernetes-backend'));
// Its proxy is for signed-in admins only, never a service principal.
backend.add(import('./modules/kubernetesProxyGuard'));

backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));
// Event bus the catalog and signals subscribe to.
backend.add(import('@backstage/plugin-events-backend'));

backend.add(import('@internal/plugin-nt-infra-backend'));
// Software Templates (/create): nt-infra's actions run as the template user,
// through nt-infra's API; the scaffolder's API is for people only.
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@internal/plugin-scaffolder-backend-module-nt-infra'));
backend.add(import('./modules/scaffolderPeopleOnly'));
// Search (/api/search), in memory: the catalog and nt-infra's experiments and
// runs (search.collators), each type shown only to those who may read it.
backend.add(import('@backstage/plugin-search-backend'));
// Its engine: Lunr, answering a type with nothing indexed yet (no runs on a
// fresh install) with no results instead of a 500.
backend.add(import('./modules/searchEngine'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@internal/plugin-search-backend-module-nt-infra'));
// The actions of backend.actions.pluginSources as MCP tools at /api/mcp-actions/v1.
backend.add(import('@backstage/plugin-mcp-actions-backend'));

backend.start();
