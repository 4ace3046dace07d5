/**
 * What every route of the auth and app plugins answers under the production
 * config (GitHub sign-in only), whoever calls: sign-in does not depend on who
 * the caller claims to be, so every caller gets the same status, and no row
 * ever hands out a Backstage token. The sign-in flows themselves (a member, a
 * non-member, a refresh cookie) are signInAndAppMatrix.test.ts's scenarios.
 */
export interface SignInRow {
  route: string;
  /** The status every caller gets, or by kind of caller. */
  status: number | { anonymous: number; service: number; user: number };
  url?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

const row = (
  route: string,
  status: SignInRow['status'],
  extra: Partial<SignInRow> = {},
): SignInRow => ({ route, status, ...extra });

/** The browser's marker the OAuth routes require, so a plain form post cannot use them. */
const XHR = { 'X-Requested-With': 'XMLHttpRequest' };

export const SIGN_IN_ROUTES: SignInRow[] = [
  // GitHub: start redirects to GitHub; the frame without GitHub's answer,
  // refresh without a session cookie, give nothing.
  row('auth GET /github/start', 302, { url: '/github/start?env=production' }),
  row('auth GET /github/handler/frame', 200, {
    url: '/github/handler/frame?env=production&code=forged&state=forged',
  }),
  row('auth POST /github/handler/frame', 200, {
    url: '/github/handler/frame?env=production',
    body: { code: 'forged', state: 'forged' },
  }),
  row('auth GET /github/refresh', 401, {
    url: '/github/refresh?env=production',
    headers: XHR,
  }),
  row('auth POST /github/refresh', 401, {
    url: '/github/refresh?env=production',
    headers: XHR,
  }),
  row('auth POST /github/logout', 200, {
    url: '/github/logout?env=production',
    headers: XHR,
  }),
  // Development sign-in is not configured in production: nobody gets in
  // (sandbox-users mounts nothing then; the scenario calls it too).
  row('auth USE /guest', 404, { url: '/guest/refresh' }),
  // Public by design: the issuer's metadata and public keys.
  row('auth GET /.well-known/openid-configuration', 200),
  row('auth GET /.well-known/jwks.json', 200),
  // Client ID metadata documents are not enabled.
  row('auth GET /.well-known/oauth-client/cli.json', 404),
  // A user's own profile (the scenario checks whose); nothing for others.
  row('auth GET /v1/userinfo', {
    anonymous: 401,
    service: 400,
    user: 200,
  }),
];
