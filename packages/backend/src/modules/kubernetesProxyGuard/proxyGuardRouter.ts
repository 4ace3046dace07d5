import { HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { serviceEntityCheck } from './serviceEntityCheck';

/**
 * Only user principals reach `/proxy`; a services query without its entity
 * is a 400; everything else is the plugin's default router.
 */
export function proxyGuardRouter(
  httpAuth: HttpAuthService,
  defaultRouter: express.Router,
): express.Router {
  const router = Router();
  router.use('/proxy', async (req, _res, next) => {
    // Throws AuthenticationError (401) without credentials and
    // NotAllowedError (403) for a service or other non-user principal.
    await httpAuth.credentials(req, { allow: ['user'] });
    next();
  });
  router.post('/services/:serviceId', ...serviceEntityCheck());
  router.use(defaultRouter);
  return router;
}
