import {
  failoverRunPermission,
  runReadPermission,
} from '@internal/plugin-nt-infra-common';
import { Router } from 'express';
import { parse, runParams, parseHeader } from '../schema/requests';
import { idempotencyKeyHeader } from '../services/chaosRuns/chaosRunRequest';
import {
  abortBody,
  failoverRunRequest,
  FailoverRunService,
} from '../services/failoverRuns';
import { Authorizer } from './authorizer';

/**
 * Failover tests: `POST /failover-tests` starts one (Idempotency-Key
 * honoured), `GET /failover-tests/:id` shows it with its measurements,
 * `POST /failover-tests/:id/abort` gives the primary back at once.
 */
export function registerFailoverRoutes(
  router: Router,
  deps: { auth: Authorizer; failover: FailoverRunService },
) {
  const { auth, failover } = deps;

  router.post('/failover-tests', async (req, res) => {
    const body = parse(failoverRunRequest, req.body, 'body field');
    const key = parseHeader(idempotencyKeyHeader, req, 'Idempotency-Key');
    const credentials = await auth.authorizeIn(
      req,
      failoverRunPermission,
      body.environment,
    );
    const { run, created } = await failover.start(
      body,
      auth.actorOf(credentials),
      key,
    );
    res.status(created ? 201 : 200).json(await failover.get(run.id));
  });

  router.get('/failover-tests/:id', async (req, res) => {
    const { id } = parse(runParams, req.params, 'path parameter');
    await auth.authorize(req, runReadPermission);
    res.json(await failover.get(id));
  });

  router.post('/failover-tests/:id/abort', async (req, res) => {
    const { id } = parse(runParams, req.params, 'path parameter');
    const body = parse(abortBody, req.body ?? {}, 'body field');
    await auth.authorize(req, failoverRunPermission);
    const { environment } = await failover.get(id);
    const credentials = await auth.authorizeIn(
      req,
      failoverRunPermission,
      environment,
    );
    res.json(await failover.abort(id, auth.actorOf(credentials), body.reason));
  });
}
