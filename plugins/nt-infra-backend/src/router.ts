import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import { BasicPermission } from '@backstage/plugin-permission-common';
import {
  HealthResponse,
  regionReadPermission,
  RegionsResponse,
} from '@internal/plugin-nt-infra-common';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { EnvironmentCatalog } from './services/EnvironmentCatalog';

const regionsQuery = z
  .object({ environment: z.enum(['staging', 'production']).optional() })
  .strict();

function parse<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue.path.length ? issue.path.join('.') : '(root)';
    throw new InputError(`Invalid ${where} '${field}': ${issue.message}`);
  }
  return result.data;
}

export async function createRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  environments: EnvironmentCatalog;
}): Promise<express.Router> {
  const { httpAuth, permissions, environments } = options;
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

  return router;
}
