/**
 * Serves the dashboard's built files (`packages/dashboard/dist`): `GET [urlPrefix]/` gives its
 * `index.html`, `/assets/…` its hashed files with a one-year cache, and any other GET outside `/api/`
 * a file of the folder, or `index.html` when there is none (the app routes in the browser). Paths
 * with `..`, backslashes or percent-escapes are refused before the file system is touched. Every
 * answer carries `nosniff` and a Content-Security-Policy that allows only this origin's scripts and
 * styles (plus inline styles) and no framing. Without a built dashboard, `/` answers a short page
 * saying how to build it. The files are public: they are served without the API's token.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Context, MiddlewareHandler } from 'hono';
import { json } from './responses.js';

/** The Content-Security-Policy of every dashboard answer. */
export const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The cache policy of hashed `/assets/…` files. */
export const ASSET_CACHE = 'public, max-age=31536000, immutable';

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>archspace: dashboard not built</title></head>
<body><h1>The archspace dashboard is not built</h1>
<p>The REST API works (under <code>/api/v1/nni/</code> and <code>/api/v1/archspace/</code>), but this installation has no built dashboard.
Build it from the repository's root with <code>npm run setup</code>, then start or view the experiment again.</p></body></html>
`;

function securityHeaders(c: Context): void {
  c.header('x-content-type-options', 'nosniff');
  c.header('content-security-policy', DASHBOARD_CSP);
  c.header('x-frame-options', 'DENY');
  c.header('referrer-policy', 'no-referrer');
}

/** Whether a request path could name something outside the folder (or is not plain text). */
function unsafePath(path: string): boolean {
  return path.includes('%') || path.includes('\\') || path.includes('\0') || /(?:^|\/)\.\.?(?:\/|$)/.test(path) || path.includes('//');
}

/**
 * The middleware that serves the dashboard in `dir` (a folder with `index.html` and `assets/`) under
 * `prefix`; `undefined` (or a folder without `index.html`) serves the "not built" page at `/`.
 * Requests under `{prefix}/api/`, and other methods than GET and HEAD, pass on.
 *
 * @example
 * ```ts
 * app.use('*', dashboardStatic(findDashboardAssets(), ''));
 * ```
 */
export function dashboardStatic(dir: string | undefined, prefix: string): MiddlewareHandler {
  const built = dir !== undefined && existsSync(join(dir, 'index.html'));
  const strip = (path: string): string => path.slice(prefix.length) || '/';
  const files = built ? serveStatic({ root: dir, rewriteRequestPath: strip }) : undefined;
  const index = built ? serveStatic({ root: dir, path: 'index.html' }) : undefined;
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    const path = c.req.path;
    if (prefix !== '' && path !== prefix && !path.startsWith(`${prefix}/`)) return next();
    const rest = strip(path);
    if (rest === '/api' || rest.startsWith('/api/')) return next();
    if (files === undefined || index === undefined) {
      if (rest !== '/') return next();
      securityHeaders(c);
      return c.html(NOT_BUILT_PAGE, 404);
    }
    securityHeaders(c);
    if (unsafePath(rest)) return json({ error: { code: 'not-found', message: 'No dashboard file has this path' } }, 404, { 'x-content-type-options': 'nosniff' });
    const asset = rest.startsWith('/assets/');
    let missing = false;
    const served = rest === '/' ? undefined : await files(c, async () => void (missing = true));
    if (served instanceof Response && !missing) {
      if (asset) served.headers.set('cache-control', ASSET_CACHE);
      return served;
    }
    if (asset) return json({ error: { code: 'not-found', message: `The dashboard has no file ${rest}` } }, 404, { 'x-content-type-options': 'nosniff' });
    c.header('cache-control', 'no-cache');
    const page = await index(c, async () => void (missing = true));
    return page instanceof Response ? page : next();
  };
}
