import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { BasicPermission } from '@backstage/plugin-permission-common';
import {
  chaosApprovePermission,
  chaosRunPermission,
  runReadPermission,
} from '@internal/plugin-nt-infra-common';
import { NextFunction, Request, Response, Router } from 'express';
import {
  cancelBody,
  createWindowBody,
  decisionBody,
  listWindowsQuery,
  parseInput,
  windowParams,
} from './windowSchemas';
import { WindowService } from './WindowService';

export interface WindowRouteDeps {
  windows: WindowService;
  /** Throws NotAllowedError (403) when the caller lacks `permission`. */
  authorize(
    req: Request,
    permission: BasicPermission,
  ): Promise<BackstageCredentials>;
  /** The caller's user entity ref, e.g. `user:default/alice`. */
  userRef(credentials: BackstageCredentials): string;
  /** Whether the caller may cancel windows requested by others. */
  isWindowAdmin(credentials: BackstageCredentials): Promise<boolean>;
}

type Handler = (req: Request, res: Response) => Promise<void>;

/** Forwards rejections to the error handler whether or not `router` is promise-aware. */
function handle(fn: Handler) {
  return (req: Request, res: Response, next: NextFunction) => {
    fn(req, res).catch(next);
  };
}

/**
 * Production chaos windows under `/windows`. Expects `express.json()` to be
 * mounted before it. Input is validated before authorization so a 400 names
 * the field, as the other routes of the plugin do.
 */
export function registerWindowRoutes(router: Router, deps: WindowRouteDeps) {
  const { windows, authorize, userRef } = deps;

  router.post(
    '/windows',
    handle(async (req, res) => {
      const body = parseInput(createWindowBody, req.body ?? {}, 'field');
      const credentials = await authorize(req, chaosRunPermission);
      const window = await windows.request(userRef(credentials), body);
      res.status(201).json(window);
    }),
  );

  router.get(
    '/windows',
    handle(async (req, res) => {
      const { limit, cursor, environment, state, from, to } = parseInput(
        listWindowsQuery,
        req.query,
        'query parameter',
      );
      await authorize(req, runReadPermission);
      const page = await windows.list(
        {
          environment,
          state,
          from: from ? new Date(from) : undefined,
          to: to ? new Date(to) : undefined,
        },
        { limit, cursor },
      );
      res.json(page);
    }),
  );

  router.get(
    '/windows/:id',
    handle(async (req, res) => {
      const { id } = parseInput(windowParams, req.params, 'path parameter');
      await authorize(req, runReadPermission);
      res.json(await windows.get(id));
    }),
  );

  for (const decision of ['approve', 'reject'] as const) {
    router.post(
      `/windows/:id/${decision}`,
      handle(async (req, res) => {
        const { id } = parseInput(windowParams, req.params, 'path parameter');
        const { comment } = parseInput(decisionBody, req.body ?? {}, 'field');
        const credentials = await authorize(req, chaosApprovePermission);
        const actor = userRef(credentials);
        const window =
          decision === 'approve'
            ? await windows.approve(actor, id, comment)
            : await windows.reject(actor, id, comment);
        res.json(window);
      }),
    );
  }

  router.post(
    '/windows/:id/cancel',
    handle(async (req, res) => {
      const { id } = parseInput(windowParams, req.params, 'path parameter');
      const { reason } = parseInput(cancelBody, req.body ?? {}, 'field');
      const credentials = await authorize(req, chaosRunPermission);
      const window = await windows.cancel(userRef(credentials), id, {
        isAdmin: await deps.isWindowAdmin(credentials),
        reason,
      });
      res.json(window);
    }),
  );
}
