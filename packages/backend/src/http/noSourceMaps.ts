import { NextFunction, Request, Response } from 'express';

/**
 * The production build of the app writes a source map beside every bundle,
 * and the app plugin serves its whole dist folder: the maps would hand out
 * the frontend's source. Requests for them outside the plugins' APIs (the
 * app is served at the root and at /api/app) get a 404. The path is decoded
 * first, as the static file server decodes it (`main.js%2Emap`).
 */
export function noSourceMaps() {
  return (req: Request, res: Response, next: NextFunction) => {
    let pathname: string;
    try {
      pathname = decodeURIComponent(req.path);
    } catch {
      next();
      return;
    }
    const appPath =
      !pathname.startsWith('/api/') || pathname.startsWith('/api/app/');
    if (appPath && /\.map$/i.test(pathname)) {
      res.status(404).end();
      return;
    }
    next();
  };
}
