import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import { BasicPermission } from '@backstage/plugin-permission-common';
import {
  auditReadPermission,
  AuditEventsResponse,
  HealthResponse,
  regionReadPermission,
  RegionsResponse,
} from '@internal/plugin-nt-infra-common';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { AuditStore } from './database/AuditStore';
import { EnvironmentCatalog } from './services/EnvironmentCatalog';

const regionsQuery = z
  .object({ environment: z.enum(['staging', 'production']).optional() })
  .strict();

const auditQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(100),
    cursor: z.string().max(20).optional(),
    actor: z.string().min(1).max(512).optional(),
    targetType: z.string().min(1).max(64).optional(),
    targetId: z.string().min(1).max(512).optional(),
  })
  .strict();

function parse<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field =
      issue.code === 'unrecognized_keys'
        ? issue.keys.join(', ')
        : issue.path.join('.');
    throw new InputError(`Invalid ${where} '${field}': ${issue.message}`);
  }
  return result.data;
}

export async function createRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  environments: EnvironmentCatalog;
  audit: AuditStore;
}): Promise<express.Router> {
  const { httpAuth, permissions, environments, audit } = options;
  const router = Router();
  router.use(express.json());

  async function authorize(req: Request, permission: BasicPermission) {
    const credentials = await httpAuth.credentials(req);
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== 'ALLOW') {
      throw new NotAllowedError(`Not allowed: ${permission.name}`);
    }
  }

  router.get('/health', (_req, res) => {
    const body: HealthResponse = { status: 'ok' };
    res.json(body);
  });

  router.get('/regions', async (req, res) => {
    const query = parse(regionsQuery, req.query, 'query parameter');
    await authorize(req, regionReadPermission);
    const body: RegionsResponse = {
      environments: query.environment
        ? [environments.get(query.environment)]
        : environments.list(),
    };
    res.json(body);
  });

  router.get('/audit', async (req, res) => {
    const query = parse(auditQuery, req.query, 'query parameter');
    await authorize(req, auditReadPermission);
    const body: AuditEventsResponse = await audit.list(query);
    res.json(body);
  });

  return router;
}
