import {
  regionReadPermission,
  runReadPermission,
} from '@internal/plugin-nt-infra-common';
import { Router } from 'express';
import { z } from 'zod';
import { environmentQuery, parse } from '../schema/requests';
import { DeliveryService } from '../services/delivery/DeliveryService';
import { DefaultGitOpsService } from '../services/gitops/DefaultGitOpsService';
import { Authorizer } from './authorizer';

const idParams = z
  .object({ id: z.string().uuid('expected a change request id') })
  .strict();

/**
 * Delivery state. A change's delivery is read with the run read permission,
 * like the change request itself; what each region runs is read with the
 * region read permission, like the regions overview.
 */
export function registerDeliveryRoutes(
  router: Router,
  deps: {
    auth: Authorizer;
    delivery: DeliveryService;
    gitops: Pick<DefaultGitOpsService, 'get'>;
  },
) {
  const { auth, delivery, gitops } = deps;

  router.get('/gitops/changes/:id/delivery', async (req, res) => {
    const { id } = parse(idParams, req.params, 'path parameter');
    await auth.authorize(req, runReadPermission);
    res.json(await delivery.forChange(await gitops.get(id)));
  });

  router.get('/delivery', async (req, res) => {
    const query = parse(environmentQuery, req.query, 'query parameter');
    await auth.authorize(req, regionReadPermission);
    res.json(await delivery.summary(query.environment));
  });
}
