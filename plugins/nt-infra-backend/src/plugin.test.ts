import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { RegionsResponse } from '@internal/plugin-nt-infra-common';
import request from 'supertest';
import { ntInfraPlugin } from './plugin';

const config = {
  ntInfra: {
    environments: [
      {
        name: 'production',
        trafficManager: {
          subscriptionId: 'sub-1',
          resourceGroup: 'rg-ntai-production-global',
          profileName: 'tm-ntai-production',
        },
        // Secondary listed first on purpose: the API answers primary first.
        regions: [
          {
            name: 'westus',
            displayName: 'West US',
            role: 'secondary',
            trafficManagerEndpoint: 'westus',
            cluster: 'aks-ntai-production-westus',
          },
          {
            name: 'eastus',
            displayName: 'East US',
            role: 'primary',
            trafficManagerEndpoint: 'eastus',
            cluster: 'aks-ntai-production-eastus',
          },
        ],
      },
    ],
  },
};

async function startBackend(allowedPermissions: string[]) {
  const permissions = mockServices.permissions.mock({
    authorize: async requests =>
      requests.map(r => ({
        result: allowedPermissions.includes(r.permission.name)
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
      })),
  });
  const { server } = await startTestBackend({
    features: [
      ntInfraPlugin,
      mockServices.rootConfig.factory({ data: config }),
      permissions.factory,
    ],
  });
  return { server, permissions };
}

describe('nt-infra backend plugin', () => {
  it('answers /health without credentials', async () => {
    const { server } = await startBackend([]);
    const res = await request(server)
      .get('/api/nt-infra/health')
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('rejects /regions without credentials', async () => {
    const { server } = await startBackend(['nt-infra.region.read']);
    const res = await request(server)
      .get('/api/nt-infra/regions')
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
  });

  it('lists the configured regions, primary first, with the profile resource id', async () => {
    const { server, permissions } = await startBackend([
      'nt-infra.region.read',
    ]);
    const res = await request(server)
      .get('/api/nt-infra/regions')
      .set('Authorization', mockCredentials.user.header());

    expect(res.status).toBe(200);
    const body = res.body as RegionsResponse;
    expect(body.environments).toHaveLength(1);
    const [production] = body.environments;
    expect(production.trafficManager.resourceId).toBe(
      '/subscriptions/sub-1/resourceGroups/rg-ntai-production-global/providers/Microsoft.Network/trafficManagerProfiles/tm-ntai-production',
    );
    expect(production.regions.map(r => [r.name, r.role])).toEqual([
      ['eastus', 'primary'],
      ['westus', 'secondary'],
    ]);
    expect(permissions.authorize).toHaveBeenCalledWith(
      [
        {
          permission: expect.objectContaining({ name: 'nt-infra.region.read' }),
        },
      ],
      expect.anything(),
    );
  });

  it('refuses /regions when the policy denies nt-infra.region.read', async () => {
    const { server } = await startBackend([]);
    const res = await request(server)
      .get('/api/nt-infra/regions')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('nt-infra.region.read');
  });

  it('answers 400 naming the field for an unknown environment', async () => {
    const { server } = await startBackend(['nt-infra.region.read']);
    const res = await request(server)
      .get('/api/nt-infra/regions?environment=prod')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain("'environment'");
  });

  it('answers 400 for unexpected query parameters', async () => {
    const { server } = await startBackend(['nt-infra.region.read']);
    const res = await request(server)
      .get('/api/nt-infra/regions?region=eastus')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(400);
  });

  it('serves the audit trail only with nt-infra.audit.read', async () => {
    const allowed = await startBackend(['nt-infra.audit.read']);
    const res = await request(allowed.server)
      .get('/api/nt-infra/audit?limit=5')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ items: [] });

    const denied = await startBackend(['nt-infra.region.read']);
    const refused = await request(denied.server)
      .get('/api/nt-infra/audit')
      .set('Authorization', mockCredentials.user.header());
    expect(refused.status).toBe(403);
  });

  it.each([
    ['limit=0', "'limit'"],
    ['limit=abc', "'limit'"],
    ['limit=501', "'limit'"],
    ['cursor=abc', "'cursor'"],
    ['sort=asc', "'sort'"],
  ])('answers 400 for audit query %s', async (query, field) => {
    const { server } = await startBackend(['nt-infra.audit.read']);
    const res = await request(server)
      .get(`/api/nt-infra/audit?${query}`)
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(field);
  });

  it('answers 404 for a valid but unconfigured environment', async () => {
    const { server } = await startBackend(['nt-infra.region.read']);
    const res = await request(server)
      .get('/api/nt-infra/regions?environment=staging')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(404);
  });
});
