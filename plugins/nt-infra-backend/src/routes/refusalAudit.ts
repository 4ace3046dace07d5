import { HttpAuthService, LoggerService } from '@backstage/backend-plugin-api';
import { AsyncLocalStorage } from 'node:async_hooks';
import { NextFunction, Request, Response } from 'express';
import { AuditStore } from '../database/AuditStore';

/*
 * Every refused attempt to change something is a row of the audit trail,
 * whatever refused it: the credentials (401), the input checks that run
 * before authorization (400), or the policy (403). Services and the
 * authorizer audit their own refusals with the details only they know; a
 * request-scoped flag says whether one did, so the router's error handler
 * adds a row only for refusals nobody recorded.
 */

interface RequestAudit {
  audited: boolean;
}

const currentRequest = new AsyncLocalStorage<RequestAudit>();
const LOCALS_KEY = 'ntInfraRequestAudit';

/** The store, noting on the current request (if any) that it wrote a row. */
export function trackRequestAudits(store: AuditStore): AuditStore {
  return {
    async append(event, at) {
      const written = await store.append(event, at);
      const request = currentRequest.getStore();
      if (request) request.audited = true;
      return written;
    },
    list: query => store.list(query),
  };
}

/**
 * Starts the request's audit scope. Mounted after the body parser: a
 * stream's callbacks would run outside the scope.
 */
export function requestAuditScope() {
  return (_req: Request, res: Response, next: NextFunction) => {
    const scope: RequestAudit = { audited: false };
    res.locals[LOCALS_KEY] = scope;
    currentRequest.run(scope, next);
  };
}

/** Only these change something; reads are not audited, allowed or not. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const REFUSAL_STATUS: Record<string, number> = {
  InputError: 400,
  AuthenticationError: 401,
  NotAllowedError: 403,
};

function refusalStatus(error: unknown): number | undefined {
  if (!(error instanceof Error)) return undefined;
  const byName = REFUSAL_STATUS[error.name];
  if (byName) return byName;
  // The body parser's own errors (malformed JSON) carry their status.
  const status = (error as { status?: unknown }).status;
  return status === 400 ? 400 : undefined;
}

/**
 * The same check as Backstage's default credentials barrier (a user or a
 * service, no anonymous access), inside the plugin's router so that its
 * 401s reach the refusal audit below. `/health` stays unauthenticated.
 */
export function credentialsBarrier(httpAuth: HttpAuthService) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    if (req.path !== '/health') {
      await httpAuth.credentials(req, { allow: ['user', 'service'] });
    }
    next();
  };
}

/** Error middleware: audits a refused mutation nobody audited, then passes the error on. */
export function auditUnrecordedRefusals(options: {
  httpAuth: HttpAuthService;
  logger: LoggerService;
  audit: AuditStore;
  actorOf(
    credentials: Awaited<ReturnType<HttpAuthService['credentials']>>,
  ): string;
}) {
  return async (
    error: unknown,
    req: Request,
    res: Response,
    next: NextFunction,
  ) => {
    const status = refusalStatus(error);
    const scope = res.locals[LOCALS_KEY] as RequestAudit | undefined;
    if (status && !SAFE_METHODS.has(req.method) && !scope?.audited) {
      try {
        const actor =
          status === 401
            ? 'unauthenticated'
            : await options.httpAuth
                .credentials(req)
                .then(options.actorOf, () => 'unauthenticated');
        await options.audit.append({
          actor,
          action: 'request.refused',
          targetType: 'route',
          targetId: `${req.method} ${req.baseUrl}${req.path}`.slice(0, 512),
          decision: 'denied',
          reason: `${status}: ${(error as Error).message}`.slice(0, 1000),
        });
      } catch (auditError) {
        // The refusal stands either way; the caller gets its own answer.
        options.logger.error(
          `Could not audit a refused ${req.method} ${req.path}: ${auditError}`,
        );
      }
    }
    next(error);
  };
}
