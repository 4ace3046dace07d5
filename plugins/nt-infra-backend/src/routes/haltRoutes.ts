import {
  haltPermission,
  runReadPermission,
} from '@internal/plugin-nt-infra-common';
import { Router } from 'express';
import { z } from 'zod';
import { parse } from '../schema/requests';
import { HaltService } from '../services/halt/HaltService';
import { Authorizer } from './authorizer';

const haltBody = z
  .object({ reason: z.string().trim().min(1).max(1000) })
  .strict();

/** The halt-all switch: read by anyone who may read runs, flipped by approvers. */
export function registerHaltRoutes(
  router: Router,
  deps: { auth: Authorizer; halt: HaltService },
) {
  const { auth, halt } = deps;

  router.get('/halt', async (req, res) => {
    await auth.authorize(req, runReadPermission);
    res.json(await halt.state());
  });

  router.post('/halt', async (req, res) => {
    const body = parse(haltBody, req.body, 'body field');
    const credentials = await auth.authorize(req, haltPermission);
    res.json(await halt.engage(auth.actorOf(credentials), body.reason));
  });

  router.post('/halt/release', async (req, res) => {
    const body = parse(haltBody, req.body, 'body field');
    const credentials = await auth.authorize(req, haltPermission);
    res.json(await halt.release(auth.actorOf(credentials), body.reason));
  });
}
