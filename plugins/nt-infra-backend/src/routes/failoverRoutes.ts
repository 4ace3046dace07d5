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
import { BudgetCostEstimator } from '../services/budgetCost';
import { Authorizer } from './authorizer';
import { PreviewGate } from './previewRateLimit';

/**
 * Failover tests: `POST /failover-tests/preview` says what one would cost in
 * error budget, `POST /failover-tests` starts one (Idempotency-Key
 * honoured), `GET /failover-tests/:id` shows it with its measurements,
 * `POST /failover-tests/:id/abort` gives the primary back at once.
 */
export function registerFailoverRoutes(
  router: Router,
  deps: {
    auth: Authorizer;
    failover: FailoverRunService;
    budgetCost: BudgetCostEstimator;
    previews: PreviewGate;
  },
) {
  const { auth, failover, budgetCost, previews } = deps;

  // The error budget the test is expected to spend, before anyone starts it.
  router.post('/failover-tests/preview', async (req, res) => {
    const body = parse(failoverRunRequest, req.body, 'body field');
    const credentials = await auth.authorizeIn(
      req,
      failoverRunPermission,
      body.environment,
    );
    previews.admit(credentials, res);
    res.json(await budgetCost.failover(body));
  });

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
