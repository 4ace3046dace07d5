import {
  gitopsApprovePermission,
  gitopsCreatePermission,
  runReadPermission,
} from '@internal/plugin-nt-infra-common';
import { Router } from 'express';
import { z } from 'zod';
import { parse, parseHeader } from '../schema/requests';
import { idempotencyKeyHeader } from '../services/chaosRuns/chaosRunRequest';
import { DefaultGitOpsService } from '../services/gitops/DefaultGitOpsService';
import { changeRequestBody } from '../services/gitops/types';
import { Authorizer } from './authorizer';
import { PreviewGate } from './previewRateLimit';

const idParams = z
  .object({ id: z.string().uuid('expected a change request id') })
  .strict();
const listQuery = z
  .object({
    state: z.enum(['open', 'approved', 'merged', 'closed']).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(200).optional(),
  })
  .strict();
const commentBody = z
  .object({ comment: z.string().trim().min(1).max(2000) })
  .strict();
const emptyBody = z.object({}).strict();

/**
 * GitOps change requests. Creating and previewing need nt-infra.gitops.create;
 * approving and merging a local change request need nt-infra.gitops.approve
 * (and approver ≠ requester, enforced by the service). Reading uses the run
 * read permission: change requests are runs of the IaC.
 */
export function registerGitOpsRoutes(
  router: Router,
  deps: {
    auth: Authorizer;
    gitops: DefaultGitOpsService;
    previews: PreviewGate;
  },
) {
  const { auth, gitops, previews } = deps;

  // Diff and check results of a change; nothing is written anywhere.
  router.post('/gitops/changes/preview', async (req, res) => {
    const body = parse(changeRequestBody, req.body, 'body field');
    const credentials = await auth.authorize(req, gitopsCreatePermission);
    previews.admit(credentials, res);
    res.json(await gitops.preview(body));
  });

  router.post('/gitops/changes', async (req, res) => {
    const body = parse(changeRequestBody, req.body, 'body field');
    const key = parseHeader(idempotencyKeyHeader, req, 'Idempotency-Key');
    const credentials = await auth.authorize(req, gitopsCreatePermission);
    const { changeRequest, created } = await gitops.create(
      body,
      auth.actorOf(credentials),
      key,
    );
    res.status(created ? 201 : 200).json(changeRequest);
  });

  router.get('/gitops/changes', async (req, res) => {
    const query = parse(listQuery, req.query, 'query parameter');
    await auth.authorize(req, runReadPermission);
    res.json(await gitops.list(query));
  });

  router.get('/gitops/changes/:id', async (req, res) => {
    const { id } = parse(idParams, req.params, 'path parameter');
    await auth.authorize(req, runReadPermission);
    res.json(await gitops.get(id));
  });

  router.post('/gitops/changes/:id/approve', async (req, res) => {
    const { id } = parse(idParams, req.params, 'path parameter');
    const { comment } = parse(commentBody, req.body, 'body field');
    const credentials = await auth.authorize(req, gitopsApprovePermission);
    res.json(await gitops.approve(id, auth.actorOf(credentials), comment));
  });

  router.post('/gitops/changes/:id/merge', async (req, res) => {
    const { id } = parse(idParams, req.params, 'path parameter');
    parse(emptyBody, req.body ?? {}, 'body field');
    const credentials = await auth.authorize(req, gitopsApprovePermission);
    res.json(await gitops.merge(id, auth.actorOf(credentials)));
  });

  router.post('/gitops/changes/:id/close', async (req, res) => {
    const { id } = parse(idParams, req.params, 'path parameter');
    const { comment } = parse(commentBody, req.body, 'body field');
    const credentials = await auth.authorize(req, gitopsCreatePermission);
    const actor = auth.actorOf(credentials);
    const cr = await gitops.get(id);
    // Someone else's change request: only an approver may close it (a denial is audited).
    const isApprover =
      cr.requestedBy !== actor &&
      Boolean(await auth.authorize(req, gitopsApprovePermission));
    res.json(await gitops.close(id, actor, comment, isApprover));
  });
}
