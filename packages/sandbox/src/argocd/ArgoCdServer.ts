import http from 'node:http';
import {
  BodyTooLargeError,
  closeServer,
  listen,
  parseUrl,
  readBody,
  sendJson,
} from '../http/serverUtils';
import { parseLabelSelector } from '../kubernetes/labelSelector';
import { ArgoCdController, ArgoSyncError } from './ArgoCdController';
import {
  argoApplicationList,
  argoError,
  argoErrorStatus,
  ArgoErrorKind,
} from './payloads';

class ArgoApiError extends Error {
  constructor(readonly kind: ArgoErrorKind, message: string) {
    super(message);
  }
}

/** The Argo CD version this stand-in claims, answered on `/api/version`. */
export const SANDBOX_ARGOCD_VERSION = 'v2.13.0+sandbox';

/**
 * The subset of Argo CD's REST API the portal uses, with its JSON shapes and error
 * bodies: `GET /api/v1/applications[?selector=]`, `GET /api/v1/applications/{name}`,
 * `POST /api/v1/applications/{name}/sync` and `GET /api/version`. Every call but
 * the version needs `Authorization: Bearer <token>`.
 */
export class ArgoCdServer {
  private readonly server: http.Server;

  constructor(
    private readonly controller: ArgoCdController,
    private readonly token: string,
  ) {
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch(e => {
        if (e instanceof ArgoApiError)
          sendJson(res, argoErrorStatus(e.kind), argoError(e.kind, e.message));
        else if (e instanceof ArgoSyncError)
          sendJson(res, argoErrorStatus(e.kind), argoError(e.kind, e.message));
        else if (e instanceof BodyTooLargeError)
          sendJson(
            res,
            argoErrorStatus('invalidArgument'),
            argoError('invalidArgument', e.message),
          );
        else
          sendJson(res, 500, {
            error: String((e as Error)?.message ?? e),
            code: 13,
            message: String((e as Error)?.message ?? e),
          });
      });
    });
  }

  start(port: number): Promise<number> {
    return listen(this.server, port);
  }

  stop(): Promise<void> {
    return closeServer(this.server);
  }

  private authenticate(req: http.IncomingMessage) {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer (.+)$/.exec(header);
    if (!match) {
      throw new ArgoApiError('unauthenticated', 'no session information');
    }
    if (match[1] !== this.token) {
      throw new ArgoApiError(
        'unauthenticated',
        'invalid session: token is invalid',
      );
    }
    return 'admin';
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = parseUrl(req);
    const parts = url.pathname.split('/').filter(Boolean);
    if (req.method === 'GET' && url.pathname === '/api/version') {
      sendJson(res, 200, { Version: SANDBOX_ARGOCD_VERSION });
      return;
    }
    if (
      parts[0] !== 'api' ||
      parts[1] !== 'v1' ||
      parts[2] !== 'applications'
    ) {
      throw new ArgoApiError('notFound', `Not Found: ${url.pathname}`);
    }
    const user = this.authenticate(req);
    const name = parts[3] ? decodeURIComponent(parts[3]) : undefined;

    if (req.method === 'GET' && parts.length === 3) {
      let items = this.controller.list();
      const selector = url.searchParams.get('selector');
      if (selector) {
        let matches;
        try {
          matches = parseLabelSelector(selector);
        } catch (e) {
          throw new ArgoApiError('invalidArgument', (e as Error).message);
        }
        items = items.filter(a => matches(a.metadata.labels));
      }
      sendJson(
        res,
        200,
        argoApplicationList(items, this.controller.resourceVersion),
      );
      return;
    }
    if (req.method === 'GET' && name && parts.length === 4) {
      const app = this.controller.get(name);
      if (!app) {
        throw new ArgoApiError(
          'notFound',
          `applications.argoproj.io "${name}" not found`,
        );
      }
      sendJson(res, 200, app);
      return;
    }
    if (
      req.method === 'POST' &&
      name &&
      parts[4] === 'sync' &&
      parts.length === 5
    ) {
      const text = await readBody(req, 64 * 1024);
      let body: { revision?: unknown; dryRun?: unknown } = {};
      if (text.trim()) {
        try {
          body = JSON.parse(text);
        } catch {
          throw new ArgoApiError('invalidArgument', 'request body is not JSON');
        }
      }
      if (
        body.revision !== undefined &&
        (typeof body.revision !== 'string' ||
          !/^(main|HEAD|[0-9a-f]{40})$/.test(body.revision))
      ) {
        throw new ArgoApiError(
          'invalidArgument',
          `revision ${JSON.stringify(
            body.revision,
          )} must be main, HEAD or a full commit SHA`,
        );
      }
      if (body.dryRun === true) {
        const app = this.controller.get(name);
        if (!app) {
          throw new ArgoApiError(
            'notFound',
            `applications.argoproj.io "${name}" not found`,
          );
        }
        sendJson(res, 200, app);
        return;
      }
      sendJson(
        res,
        200,
        this.controller.requestSync(
          name,
          user,
          body.revision as string | undefined,
        ),
      );
      return;
    }
    throw new ArgoApiError(
      'notFound',
      `Not Found: ${req.method} ${url.pathname}`,
    );
  }
}
