import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  chaosRunPermission,
  stopRunBody,
} from '@internal/plugin-nt-infra-common';
import { Router } from 'express';
import { AuditStore } from '../database/AuditStore';
import { RunStore } from '../database/RunStore';
import { parse, parseHeader, runParams } from '../schema/requests';
import {
  chaosRunRequest,
  idempotencyKeyHeader,
} from '../services/chaosRuns/chaosRunRequest';
import { ChaosRunService } from '../services/chaosRuns/ChaosRunService';
import { Authorizer } from './authorizer';

/** Starting, previewing and stopping chaos runs. */
export function registerChaosRunRoutes(
  router: Router,
  deps: {
    auth: Authorizer;
    chaos: ChaosRunService;
    runs: RunStore;
    audit: AuditStore;
  },
) {
  const { auth, chaos, runs, audit } = deps;

  // The exact pods a run would hit and the policy's verdict, without starting it.
  router.post('/runs/chaos/preview', async (req, res) => {
    const body = parse(chaosRunRequest, req.body, 'body field');
    const credentials = await auth.authorize(req, chaosRunPermission);
    const { preview } = await chaos.preview(body, auth.actorOf(credentials));
    res.json(preview);
  });

  router.post('/runs/chaos', async (req, res) => {
    const body = parse(chaosRunRequest, req.body, 'body field');
    const key = parseHeader(idempotencyKeyHeader, req, 'Idempotency-Key');
    const credentials = await auth.authorize(req, chaosRunPermission);
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
    const credentials = await auth.authorize(req, chaosRunPermission);
    const actor = auth.actorOf(credentials);
    const run = await runs.getRun(id);
    if (!run) {
      throw new NotFoundError(`Run '${id}' not found`);
    }
    const reason = `stopped by ${actor}: ${body.reason}`;
    try {
      const stopped =
        run.state === 'running'
          ? await runs.transition(id, {
              from: ['running'],
              to: 'stopping',
              actor,
              reason,
              outcome: {
                ...(run.outcome ?? {}),
                ending: 'aborted',
                endingReason: reason,
              },
            })
          : await runs.transition(id, {
              from: ['approved', 'pending-approval'],
              to: 'aborted',
              actor,
              reason,
              endedAt: new Date(),
            });
      await audit.append({
        actor,
        action: 'run.stop',
        targetType: 'run',
        targetId: id,
        decision: 'allowed',
        reason: body.reason,
      });
      res.json(stopped);
    } catch (error) {
      if (error instanceof ConflictError) {
        throw new ConflictError(
          `Run '${id}' is ${run.state}; it cannot be stopped now`,
        );
      }
      throw error;
    }
  });
}
