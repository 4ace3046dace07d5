/**
 * What every route of the other Backstage plugins in this backend allows, by
 * the least role that may use it (`services-only`: no person; `anonymous`:
 * anyone) and whether a service principal (another backend plugin) may.
 * Backstage trusts service principals within their access restrictions; the
 * only external service token in production is limited to nt-infra.
 */
export interface Expect {
  route: string;
  least:
    | 'anonymous'
    | 'viewer'
    | 'engineer'
    | 'approver'
    | 'admin'
    | 'services-only';
  service: 'allowed' | 'refused';
  /**
   * The status every caller the row allows gets, where the request is one
   * the route answers the same for all of them. Without it, any answer but
   * 401/403 counts as allowed; a 5xx never does, in any row.
   */
  status?: number;
  /** The URL to call when the route has parameters. */
  url?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

const row = (
  route: string,
  least: Expect['least'],
  service: Expect['service'],
  extra: Partial<Expect> = {},
): Expect => ({ route, least, service, ...extra });

/** Routes every plugin's HTTP router adds: cookie auth, action registry, permission integration. */
export function commonRoutes(plugin: string, extra: string[]): Expect[] {
  const all = [
    row(`${plugin} GET /.backstage/auth/v1/jwks.json`, 'anonymous', 'allowed'),
    row(`${plugin} GET /.backstage/auth/v1/cookie`, 'viewer', 'refused'),
    // Clearing one's own auth cookie: nothing to gain, any principal may.
    row(`${plugin} DELETE /.backstage/auth/v1/cookie`, 'viewer', 'allowed'),
    row(`${plugin} GET /.backstage/actions/v1/actions`, 'viewer', 'allowed'),
    row(
      `${plugin} GET /.backstage/actions/v1/status`,
      'services-only',
      'allowed',
    ),
    row(
      `${plugin} POST /.backstage/actions/v1/actions/:actionId/invoke`,
      'viewer',
      'allowed',
      { url: '/.backstage/actions/v1/actions/no-such-action/invoke', body: {} },
    ),
    row(
      `${plugin} POST /.backstage/actions/v2/actions/:actionId/invoke`,
      'viewer',
      'allowed',
      { url: '/.backstage/actions/v2/actions/no-such-action/invoke', body: {} },
    ),
    row(`${plugin} USE /\\.backstage/actions`, 'viewer', 'allowed'),
    // The names of the plugin's permissions and rules, no data.
    row(
      `${plugin} GET /.well-known/backstage/permissions/metadata`,
      'viewer',
      'allowed',
    ),
    row(
      `${plugin} POST /.well-known/backstage/permissions/apply-conditions`,
      'services-only',
      'allowed',
      { body: { items: [] } },
    ),
    row(
      `${plugin} USE /\\.well-known/backstage/permissions`,
      'viewer',
      'allowed',
    ),
    row(
      `${plugin} USE /\\.well-known/backstage/permissions/apply-conditions`,
      'viewer',
      'allowed',
    ),
  ];
  // Only plugins with actions or permissions of their own mount those routes.
  const withIntegrations = extra.includes('integrations');
  return all.filter(
    r =>
      withIntegrations ||
      !(
        r.route.includes('backstage/actions') || r.route.includes('well-known')
      ),
  );
}

const entityRef = '/component/default/ntai-api';

export const OTHER_PLUGIN_ROUTES: Expect[] = [
  ...commonRoutes('catalog', ['integrations']),
  row('catalog GET /openapi.json', 'viewer', 'allowed'),
  row('catalog GET /entities', 'viewer', 'allowed'),
  row('catalog GET /entities/by-query', 'viewer', 'allowed'),
  row('catalog POST /entities/by-query', 'viewer', 'allowed', { body: {} }),
  row('catalog POST /entities/by-refs', 'viewer', 'allowed', {
    body: { entityRefs: ['component:default/ntai-api'] },
  }),
  row('catalog GET /entities/by-uid/:uid', 'viewer', 'allowed'),
  row(
    'catalog GET /entities/by-name/:kind/:namespace/:name',
    'viewer',
    'allowed',
    {
      url: `/entities/by-name${entityRef}`,
    },
  ),
  row(
    'catalog GET /entities/by-name/:kind/:namespace/:name/ancestry',
    'viewer',
    'allowed',
    { url: `/entities/by-name${entityRef}/ancestry` },
  ),
  row('catalog GET /entity-facets', 'viewer', 'allowed', {
    url: '/entity-facets?facet=kind',
  }),
  row('catalog POST /entity-facets', 'viewer', 'allowed', {
    body: { facets: ['kind'] },
  }),
  row('catalog GET /locations', 'viewer', 'allowed'),
  row('catalog POST /locations/by-query', 'viewer', 'allowed', { body: {} }),
  row('catalog GET /locations/:id', 'viewer', 'allowed', {
    url: '/locations/00000000-0000-4000-8000-000000000000',
  }),
  row(
    'catalog GET /locations/by-entity/:kind/:namespace/:name',
    'viewer',
    'allowed',
    {
      url: `/locations/by-entity${entityRef}`,
    },
  ),
  row('catalog POST /refresh', 'engineer', 'allowed', {
    body: { entityRef: 'component:default/ntai-api' },
  }),
  row('catalog POST /validate-entity', 'engineer', 'allowed', {
    body: {
      entity: { kind: 'Component' },
      location: 'url:https://example.com/x',
    },
  }),
  row('catalog POST /analyze-location', 'admin', 'allowed', {
    body: { location: { type: 'url', target: 'https://example.com/x.yaml' } },
  }),
  row('catalog POST /locations', 'admin', 'allowed', {
    url: '/locations?dryRun=true',
    body: { type: 'url', target: 'https://example.com/catalog-info.yaml' },
  }),
  row('catalog PUT /locations/:id', 'admin', 'allowed', {
    url: '/locations/00000000-0000-4000-8000-000000000000',
    body: { type: 'url', target: 'https://example.com/other.yaml' },
  }),
  row('catalog DELETE /locations/:id', 'admin', 'allowed', {
    url: '/locations/00000000-0000-4000-8000-000000000000',
  }),
  row('catalog DELETE /entities/by-uid/:uid', 'admin', 'allowed'),

  ...commonRoutes('kubernetes', ['integrations']),
  row('kubernetes GET /clusters', 'viewer', 'allowed'),
  row('kubernetes POST /services/:serviceId', 'viewer', 'allowed', {
    url: '/services/ntai-api',
    body: { entityRef: 'component:default/ntai-api' },
  }),
  // An entity not in the catalog: the permission check comes first, then the
  // plugin's own 400 for the missing entity. (For a real entity the
  // plugin loads @kubernetes/client-node with a dynamic import, which Jest's
  // module sandbox cannot run: a 500 here that production does not have.
  // Reaching a cluster is the proxy test's subject.)
  row('kubernetes POST /resources/workloads/query', 'viewer', 'allowed', {
    body: { entityRef: 'component:default/no-such-component' },
    status: 400,
  }),
  row('kubernetes POST /resources/custom/query', 'viewer', 'allowed', {
    body: { entityRef: 'component:default/ntai-api', customResources: [] },
  }),
  row('kubernetes USE /proxy', 'admin', 'refused'),

  // The MCP endpoint: any signed-in caller may open a session; each tool is
  // an action that checks the caller's permissions itself (mcpSession.test.ts).
  ...commonRoutes('mcp-actions', ['integrations']),
  row('mcp-actions POST /v1/', 'viewer', 'allowed', {
    url: '/v1',
    headers: { Accept: 'application/json, text/event-stream' },
    body: {
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: {
        protocolVersion: '2025-03-26',
        capabilities: {},
        clientInfo: { name: 'permission-matrix', version: '1.0.0' },
      },
    },
  }),
  // 405 for everyone who gets past the credentials barrier: no sessions to resume or end.
  row('mcp-actions GET /v1/', 'viewer', 'allowed', { url: '/v1' }),
  row('mcp-actions DELETE /v1/', 'viewer', 'allowed', { url: '/v1' }),

  // Software Templates: the API is for people only (modules/scaffolderPeopleOnly,
  // `USE /v2`); templates for every signed-in user, tasks for engineers,
  // dry runs of arbitrary template bodies for admins.
  ...commonRoutes('scaffolder', ['integrations']),
  row('scaffolder USE /v2', 'viewer', 'refused'),
  row('scaffolder GET /openapi.json', 'viewer', 'allowed'),
  row(
    'scaffolder GET /v2/templates/:namespace/:kind/:name/parameter-schema',
    'viewer',
    'refused',
    {
      url: '/v2/templates/default/template/propose-chaos-experiment/parameter-schema',
    },
  ),
  row('scaffolder GET /v2/actions', 'viewer', 'refused'),
  row('scaffolder GET /v2/templating-extensions', 'viewer', 'refused'),
  // Form autocompletion against an SCM with the caller's own token.
  row(
    'scaffolder POST /v2/autocomplete/:provider/:resource',
    'viewer',
    'refused',
    {
      url: '/v2/autocomplete/github/repositories',
      body: {},
    },
  ),
  row('scaffolder POST /v2/tasks', 'engineer', 'refused', {
    body: {
      templateRef: 'template:default/propose-chaos-experiment',
      values: {},
    },
  }),
  row('scaffolder GET /v2/tasks', 'engineer', 'refused'),
  row('scaffolder GET /v2/tasks/:taskId', 'engineer', 'refused', {
    url: '/v2/tasks/00000000-0000-4000-8000-000000000000',
  }),
  row('scaffolder GET /v2/tasks/:taskId/events', 'engineer', 'refused', {
    url: '/v2/tasks/00000000-0000-4000-8000-000000000000/events',
  }),
  row('scaffolder GET /v2/tasks/:taskId/eventstream', 'engineer', 'refused', {
    url: '/v2/tasks/00000000-0000-4000-8000-000000000000/eventstream',
  }),
  row('scaffolder POST /v2/tasks/:taskId/cancel', 'engineer', 'refused', {
    url: '/v2/tasks/00000000-0000-4000-8000-000000000000/cancel',
  }),
  row('scaffolder POST /v2/tasks/:taskId/retry', 'engineer', 'refused', {
    url: '/v2/tasks/00000000-0000-4000-8000-000000000000/retry',
  }),
  row('scaffolder POST /v2/dry-run', 'admin', 'refused', {
    // A template with no steps: the admin's dry run succeeds, changing nothing.
    body: {
      template: {
        apiVersion: 'scaffolder.backstage.io/v1beta3',
        kind: 'Template',
        metadata: { name: 'matrix' },
        spec: { type: 'service', steps: [] },
      },
      values: {},
      directoryContents: [],
    },
    status: 200,
  }),

  ...commonRoutes('notifications', ['integrations']),
  row('notifications GET /openapi.json', 'viewer', 'allowed'),
  row('notifications GET /', 'viewer', 'refused'),
  row('notifications GET /notifications', 'viewer', 'refused'),
  row('notifications GET /:id', 'viewer', 'refused', {
    url: '/00000000-0000-4000-8000-000000000000',
  }),
  row('notifications GET /notifications/:id', 'viewer', 'refused', {
    url: '/notifications/00000000-0000-4000-8000-000000000000',
  }),
  row('notifications GET /status', 'viewer', 'refused'),
  row('notifications GET /settings', 'viewer', 'refused'),
  row('notifications GET /topics', 'viewer', 'refused'),
  row('notifications POST /update', 'viewer', 'refused', { body: { ids: [] } }),
  row('notifications POST /notifications/update', 'viewer', 'refused', {
    body: { ids: [] },
  }),
  // One's own settings (the notifications store fails an empty list).
  row('notifications POST /settings', 'viewer', 'refused', {
    body: {
      channels: [
        { id: 'Web', origins: [{ id: 'matrix', enabled: true, topics: [] }] },
      ],
    },
    status: 200,
  }),
  row('notifications POST /', 'services-only', 'allowed', {
    body: {
      recipients: { type: 'entity', entityRef: 'user:default/vera' },
      payload: { title: 'matrix' },
    },
  }),
  row('notifications POST /notifications', 'services-only', 'allowed', {
    body: {
      recipients: { type: 'entity', entityRef: 'user:default/vera' },
      payload: { title: 'matrix' },
    },
  }),

  // Search: querying is for anyone signed in and for other plugins; what
  // each caller finds is filtered by type through the same policy
  // (search/searchVisibility.test.ts). Nothing here changes anything.
  ...commonRoutes('search', ['integrations']),
  row('search GET /openapi.json', 'viewer', 'allowed'),
  // 200 whether or not the catalog collator has indexed anything yet (here
  // it never runs): a type with no index is an empty result, not a 500.
  row('search GET /query', 'viewer', 'allowed', {
    url: '/query?term=ntai&types%5B0%5D=software-catalog',
    status: 200,
  }),

  ...commonRoutes('signals', []),
  row('signals GET /health', 'anonymous', 'allowed'),

  ...commonRoutes('user-settings', []),
  row('user-settings GET /buckets/:bucket/keys/:key(*)', 'viewer', 'refused', {
    url: '/buckets/matrix/keys/k',
  }),
  row('user-settings PUT /buckets/:bucket/keys/:key(*)', 'viewer', 'refused', {
    url: '/buckets/matrix/keys/k',
    body: { value: 1 },
  }),
  row(
    'user-settings DELETE /buckets/:bucket/keys/:key(*)',
    'viewer',
    'refused',
    {
      url: '/buckets/matrix/keys/k',
    },
  ),
  row('user-settings POST /multiget', 'viewer', 'refused', {
    body: { items: [{ bucket: 'matrix', key: 'k' }] },
  }),

  ...commonRoutes('events', []),
  row('events GET /openapi.json', 'viewer', 'allowed'),
  row('events POST /bus/v1/events', 'services-only', 'allowed', {
    body: { event: { topic: 'matrix', payload: {} }, notifiedSubscribers: [] },
  }),
  row(
    'events PUT /bus/v1/subscriptions/:subscriptionId',
    'services-only',
    'allowed',
    {
      url: '/bus/v1/subscriptions/matrix',
      body: { topics: ['matrix'] },
    },
  ),
  row(
    'events GET /bus/v1/subscriptions/:subscriptionId/events',
    'services-only',
    'allowed',
    { url: '/bus/v1/subscriptions/matrix/events' },
  ),

  ...commonRoutes('permission', []),
  row('permission GET /health', 'anonymous', 'allowed'),
  row('permission POST /authorize', 'viewer', 'refused', {
    body: {
      items: [
        {
          id: '1',
          permission: {
            type: 'basic',
            name: 'kubernetes.proxy',
            attributes: {},
          },
        },
      ],
    },
  }),
];
