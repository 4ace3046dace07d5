import {
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { Request, RequestHandler, Response } from 'express';
import { randomBytes } from 'crypto';

/**
 * Whether error bodies may carry server internals (stack traces, file paths):
 * only on a developer's machine. Backstage decides by NODE_ENV alone, per
 * router; a production config must not rest on an environment variable being
 * right, so `auth.environment: production` withholds them too.
 */
export function errorDetailsAllowed(config: RootConfigService): boolean {
  return (
    process.env.NODE_ENV === 'development' &&
    config.getOptionalString('auth.environment') !== 'production'
  );
}

type ErrorBody = { error: Record<string, unknown> & { cause?: unknown } };

function isErrorBody(body: unknown): body is ErrorBody {
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as { error?: unknown }).error === 'object' &&
    (body as { error?: unknown }).error !== null
  );
}

function withoutStacks(
  error: Record<string, unknown>,
): Record<string, unknown> {
  const { stack: _stack, cause, ...rest } = error;
  if (typeof cause === 'object' && cause !== null) {
    return { ...rest, cause: withoutStacks(cause as Record<string, unknown>) };
  }
  return cause === undefined ? rest : { ...rest, cause };
}

/**
 * Root middleware that rewrites every error body a plugin's or the root's
 * error handler sends when details are not allowed: no `stack` at any depth,
 * and an unexpected failure (500) says only that it happened, with a log id
 * to find it by; its message and properties (an fs error's `path`) stay in
 * the log. Expected failures (4xx, 503) keep the message the code wrote.
 * It patches `res.json` because each plugin router has its own error handler
 * after its routes, which no root-level setting reaches.
 */
export function errorBodyFilter(options: {
  config: RootConfigService;
  logger: LoggerService;
}): RequestHandler {
  if (errorDetailsAllowed(options.config)) {
    return (_req, _res, next) => next();
  }
  const logger = options.logger.child({ type: 'errorBodyFilter' });
  return (req: Request, res: Response, next) => {
    const json = res.json.bind(res);
    res.json = (body?: unknown) => {
      if (res.statusCode < 400 || !isErrorBody(body)) return json(body);
      if (res.statusCode === 500) {
        const logId = randomBytes(10).toString('hex');
        logger.error(
          `Withheld internal error of ${req.method} ${req.originalUrl} from the response, logId=${logId}`,
          { error: JSON.stringify(withoutStacks(body.error)) },
        );
        return json({
          ...body,
          error: {
            name: 'Error',
            message: `An internal error occurred, logId=${logId}`,
          },
        });
      }
      return json({ ...body, error: withoutStacks(body.error) });
    };
    next();
  };
}
