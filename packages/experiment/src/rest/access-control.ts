/**
 * Who may do what through the REST API. With a token configured, every request that changes
 * something (any method but GET and HEAD) must carry it, from any address; reads may go without it
 * only when `publicReads` is on (the default of a server bound to loopback, so the read-only web UI
 * and `curl` keep working). A request that carries an `Authorization` header has it checked,
 * whatever its method. Requests served without a token must name a loopback host (or one of
 * `allowedHosts`) in `Host`, so a web page that rebinds its DNS name to 127.0.0.1 gets nothing.
 */
import type { MiddlewareHandler } from 'hono';
import { bearerChecker, isLoopbackHost } from './auth.js';
import { json } from './responses.js';

/** The access rules of a server. */
export interface AccessRules {
  /** The bearer token; without one, every request is served (subject to `allowedHosts`). */
  readonly token?: string;
  /** With a token: whether GET and HEAD requests may go without it. */
  readonly publicReads: boolean;
  /** When set, a request served without a token must name a loopback host or one of these in `Host` (403). */
  readonly allowedHosts?: readonly string[];
}

/** The host name of a `Host` header (`"[::1]:8080"` → `"::1"`), or undefined when it is not one. */
function hostName(header: string): string | undefined {
  try {
    return new URL(`http://${header}`).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  } catch {
    return undefined;
  }
}

const isRead = (method: string): boolean => method === 'GET' || method === 'HEAD';

function unauthorized(): Response {
  const message = 'This server needs the header "Authorization: Bearer <token>" with its token for this request (any change, and reads unless the server allows public reads)';
  return json({ error: { code: 'unauthorized', message } }, 401, { 'www-authenticate': 'Bearer realm="archspace"' });
}

function hostNotAllowed(header: string): Response {
  const message = `This server answers requests for this machine only, not for host ${JSON.stringify(header)}; send its token, or list the name in allowedHosts`;
  return json({ error: { code: 'host-not-allowed', message, path: ['headers', 'host'] } }, 403);
}

/**
 * The middleware that applies `rules` to every request, before any route runs.
 *
 * @example
 * ```ts
 * app.use('*', accessControl({ token, publicReads: true, allowedHosts: [] }));
 * ```
 */
export function accessControl(rules: AccessRules): MiddlewareHandler {
  const carriesToken = rules.token === undefined ? undefined : bearerChecker(rules.token);
  const allowedHosts = rules.allowedHosts?.map((h) => h.toLowerCase());
  return async (c, next) => {
    if (carriesToken !== undefined) {
      const authorization = c.req.header('authorization');
      if (authorization !== undefined) {
        if (!carriesToken(authorization)) return unauthorized();
        return next();
      }
      if (!rules.publicReads || !isRead(c.req.method)) return unauthorized();
    }
    const header = c.req.header('host');
    if (allowedHosts !== undefined && header !== undefined) {
      const name = hostName(header);
      if (name === undefined || !(isLoopbackHost(name) || allowedHosts.includes(name))) return hostNotAllowed(header);
    }
    return next();
  };
}
