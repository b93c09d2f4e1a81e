/**
 * The REST API as a Hono application: the reference's endpoints (reference §8) over a `ManagerApi`,
 * under `[urlPrefix]/api/v1/nni/…` (the reference's path, so NNI-aware tools work) and the alias
 * `[urlPrefix]/api/v1/archspace/…`, behind the host, token and body-size checks. `startRestServer`
 * serves it over HTTP; tests and embedders can call `app.request(...)` directly.
 */
import { ArchspaceError } from '@archspace/ir';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ManagerApi } from '../records.js';
import { bearerChecker, isLoopbackHost } from './auth.js';
import { json } from './responses.js';
import { errorAnswer } from './rest-error.js';
import { restRoutes, type Method, type TrialListingText } from './rest-routes.js';
import { packageVersion } from './version.js';

export type { TrialListingText } from './rest-routes.js';

/** Options of `createRestApp`. */
export interface RestAppOptions {
  /** When set, every request must carry `Authorization: Bearer <token>` (401 otherwise). */
  readonly token?: string;
  /** A path in front of `/api/v1/…`, such as `"/nni"` behind a reverse proxy. Default none. */
  readonly urlPrefix?: string;
  /** Largest accepted request body, in bytes (413 beyond). Default 16 MiB. */
  readonly maxBodyBytes?: number;
  /** The version `GET /version` reports. Default the package's version. */
  readonly version?: string;
  /**
   * When set, a request whose `Host` header names neither a loopback address nor one of these host
   * names is refused (403): a web page that rebinds its DNS name to 127.0.0.1 cannot read the API.
   * `startRestServer` sets it (to `[]`) for a server without a token.
   */
  readonly allowedHosts?: readonly string[];
  /** Told of every unexpected error (answered with a bare 500). Default: written to stderr. */
  readonly onError?: (error: unknown, request?: Request) => void;
}

/** The API's path segments after the prefix; the first one is the reference's. */
export const API_BASES = ['/api/v1/nni', '/api/v1/archspace'] as const;

/**
 * Normalises a URL prefix to `""` or `"/a/b"`; throws an `ArchspaceError` (`invalid-url-prefix`) when
 * it holds characters a path segment may not.
 *
 * @example
 * ```ts
 * normalizeUrlPrefix('nni/'); // "/nni"
 * ```
 */
export function normalizeUrlPrefix(prefix: string | undefined): string {
  const trimmed = (prefix ?? '').replace(/^\/+|\/+$/g, '');
  if (trimmed === '') return '';
  const segments = trimmed.split('/');
  if (segments.some((s) => !/^[A-Za-z0-9._~-]+$/.test(s) || s === '.' || s === '..')) {
    throw new ArchspaceError({ code: 'invalid-url-prefix', path: ['urlPrefix'], expected: 'path segments of letters, digits, ".", "_", "~" and "-", such as "nni" or "proxy/nni"', received: prefix });
  }
  return `/${trimmed}`;
}

/** The host name of a `Host` header (`"[::1]:8080"` → `"::1"`), or undefined when it is not one. */
function hostName(header: string): string | undefined {
  try {
    return new URL(`http://${header}`).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  } catch {
    return undefined;
  }
}

/**
 * The REST API over `manager` as a Hono app.
 *
 * @example
 * ```ts
 * const app = createRestApp(manager);
 * const res = await app.request('/api/v1/nni/check-status'); // { status: 'RUNNING', errors: [] }
 * ```
 */
export function createRestApp(manager: ManagerApi & TrialListingText, options: RestAppOptions = {}): Hono {
  const prefix = normalizeUrlPrefix(options.urlPrefix);
  const onError = options.onError ?? ((error: unknown) => console.error('archspace REST server: unexpected error', error));
  const answerError = (error: unknown, request: Request): Response => {
    const { status, body, expected } = errorAnswer(error);
    if (!expected) onError(error, request);
    return json(body, status);
  };

  const app = new Hono({ strict: false });
  app.onError((error, c) => answerError(error, c.req.raw));
  app.notFound((c) =>
    json({ error: { code: 'unknown-endpoint', message: `No endpoint answers ${c.req.method} ${new URL(c.req.url).pathname}; the API lives under ${prefix}${API_BASES[0]}/` } }, 404),
  );

  const allowedHosts = options.allowedHosts?.map((h) => h.toLowerCase());
  if (allowedHosts !== undefined) {
    app.use('*', async (c, next) => {
      const header = c.req.header('host');
      const name = header === undefined ? undefined : hostName(header);
      if (header !== undefined && (name === undefined || !(isLoopbackHost(name) || allowedHosts.includes(name)))) {
        const message = `This server answers requests for this machine only, not for host ${JSON.stringify(header)}; start it with a token, or list the name in allowedHosts`;
        return json({ error: { code: 'host-not-allowed', message, path: ['headers', 'host'] } }, 403);
      }
      await next();
    });
  }
  if (options.token !== undefined) {
    const allowed = bearerChecker(options.token);
    app.use('*', async (c, next) => {
      if (!allowed(c.req.header('authorization'))) {
        const body = { error: { code: 'unauthorized', message: 'This server needs the header "Authorization: Bearer <token>" with its token' } };
        return json(body, 401, { 'www-authenticate': 'Bearer realm="archspace"' });
      }
      await next();
    });
  }
  app.use(
    '*',
    bodyLimit({
      maxSize: options.maxBodyBytes ?? 16 * 1024 * 1024,
      onError: () => json({ error: { code: 'body-too-large', message: `The request body is larger than ${options.maxBodyBytes ?? 16 * 1024 * 1024} bytes` } }, 413),
    }),
  );

  const api = new Hono({ strict: false });
  const table = restRoutes(manager, options.version ?? packageVersion());
  for (const [method, path, handle] of table) {
    api.on(method, path, async (c) => {
      try {
        return await handle(c);
      } catch (error) {
        return answerError(error, c.req.raw);
      }
    });
  }
  for (const path of new Set(table.map(([, p]) => p))) {
    const allow = table.filter(([, p]) => p === path).map(([m]) => m);
    if (allow.includes('GET')) allow.push('HEAD' as Method);
    api.all(path, (c) => {
      const body = { error: { code: 'method-not-allowed', message: `${path} answers ${allow.join(', ')}, not ${c.req.method}` } };
      return json(body, 405, { allow: allow.join(', ') });
    });
  }
  for (const base of API_BASES) app.route(`${prefix}${base}`, api);
  return app;
}
