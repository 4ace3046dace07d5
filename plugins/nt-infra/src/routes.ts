import { createRouteRef } from '@backstage/frontend-plugin-api';

/** The Infrastructure page. @public */
export const rootRouteRef = createRouteRef();

/**
 * The History tab. A run's page is this tab with `?run=<id>`: sub-pages take
 * no path parameters, and a query parameter keeps the run linkable while the
 * tab bar stays in place.
 */
export const historyRouteRef = createRouteRef();
