import {
  chaosRunPermission,
  failoverRunPermission,
  gamedayRunPermission,
  RunKind,
  stopRunBody,
} from '@internal/plugin-nt-infra-common';
import { BasicPermission } from '@backstage/plugin-permission-common';
import { Router } from 'express';
import { parse, parseHeader, runParams } from '../schema/requests';
import {
  chaosRunRequest,
  idempotencyKeyHeader,
} from '../services/chaosRuns/chaosRunRequest';
import { ChaosRunService } from '../services/chaosRuns/ChaosRunService';
import { RunCommands } from '../services/runs/RunCommands';
import { Authorizer } from './authorizer';
import { PreviewGate } from './previewRateLimit';

/** Stopping a run needs the permission to start one of its kind too. */
const KIND_PERMISSION: Record<RunKind, BasicPermission> = {
  chaos: chaosRunPermission,
  failover: failoverRunPermission,
  gameday: gamedayRunPermission,
};

/** Starting, previewing and stopping chaos runs. */
export function registerChaosRunRoutes(
  router: Router,
  deps: {
    auth: Authorizer;
    chaos: ChaosRunService;
    commands: RunCommands;
    previews: PreviewGate;
  },
) {
  const { auth, chaos, commands, previews } = deps;

  // The exact pods a run would hit and the policy's verdict, without starting it.
  router.post('/runs/chaos/preview', async (req, res) => {
    const body = parse(chaosRunRequest, req.body, 'body field');
    const credentials = await auth.authorize(req, chaosRunPermission);
    previews.admit(credentials, res);
    const { preview } = await chaos.preview(body, auth.actorOf(credentials));
    res.json(preview);
  });

  router.post('/runs/chaos', async (req, res) => {
    const body = parse(chaosRunRequest, req.body, 'body field');
    const key = parseHeader(idempotencyKeyHeader, req, 'Idempotency-Key');
    const credentials = await auth.authorizeIn(
      req,
      chaosRunPermission,
      body.environment,
    );
    const { run, created } = await chaos.start(
      body,
      auth.actorOf(credentials),
      key,
    );
    res.status(created ? 201 : 200).json(run);
  });

  router.post('/runs/:id/stop', async (req, res) => {
    const { id } = parse(runParams, req.params, 'path parameter');
    const body = parse(stopRunBody, req.body, 'body field');
    // Checked before the lookup, so a caller without it cannot tell which
    // run ids exist (404 against 403).
    await auth.authorize(req, chaosRunPermission);
    const run = await commands.find(id);
    // A service token may only stop runs of its own environment.
    const credentials = await auth.authorizeIn(
      req,
      chaosRunPermission,
      run.environment,
    );
    if (run.kind !== 'chaos') {
      await auth.authorize(req, KIND_PERMISSION[run.kind]);
    }
    res.json(await commands.stop(id, auth.actorOf(credentials), body.reason));
  });
}
