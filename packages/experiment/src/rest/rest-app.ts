/**
 * The REST API as a Hono application: the reference's endpoints (reference §8) over a `ManagerApi`,
 * under `[urlPrefix]/api/v1/nni/…` (the reference's path, so NNI-aware tools work) and the alias
 * `[urlPrefix]/api/v1/archspace/…`, behind the token and host checks (`access-control.ts`), with
 * per-route body limits (`request-body.ts`). A manager that is a `DashboardSource` also gets the
 * dashboard's reads under `[urlPrefix]/api/v1/archspace/` only (`dashboard-api.md`), and when it is
 * read-only every change is refused (403 `read-only-experiment`). With `dashboardDir`, other GETs serve
 * the dashboard's files (`dashboard-static.ts`). `startRestServer` serves it over HTTP; tests and
 * embedders can call `app.request(...)` directly.
 */
import { ArchspaceError } from '@archspace/ir';
import { Hono } from 'hono';
import type { ManagerApi } from '../records.js';
import { accessControl } from './access-control.js';
import { dashboardRoutes } from './dashboard-routes.js';
import { isDashboardSource } from './dashboard-source.js';
import { dashboardStatic } from './dashboard-static.js';
import { bodyLimits, type MaxBodyBytes } from './request-body.js';
import { json } from './responses.js';
import { errorAnswer } from './rest-error.js';
import { restRoutes, type Method, type Route, type TrialListingText } from './rest-routes.js';
import { packageVersion } from './version.js';

export type { TrialListingText } from './rest-routes.js';

/** Options of `createRestApp`. */
export interface RestAppOptions {
  /**
   * When set, every request that changes something (PUT, POST, DELETE) must carry
   * `Authorization: Bearer <token>` (401 otherwise), and so must reads unless `publicReads` is on.
   */
  readonly token?: string;
  /**
   * With a token: whether GET and HEAD requests may go without it (requests without a token still
   * pass the `allowedHosts` check). Default false here; `startRestServer` turns it on for a server
   * bound to a loopback address, so the read-only web UI and `curl` keep working there.
   */
  readonly publicReads?: boolean;
  /** A path in front of `/api/v1/…`, such as `"/nni"` behind a reverse proxy. Default none. */
  readonly urlPrefix?: string;
  /**
   * The largest request body accepted, in bytes (413 beyond): one number for both routes that take
   * a body, or one per route (`{ 'PUT /experiment': 8 << 20 }`). Default 1 MiB for each.
   */
  readonly maxBodyBytes?: MaxBodyBytes;
  /** The version `GET /version` reports. Default the package's version. */
  readonly version?: string;
  /**
   * When set, a request served without a token whose `Host` header names neither a loopback address
   * nor one of these host names is refused (403): a web page that rebinds its DNS name to 127.0.0.1
   * cannot read the API. `startRestServer` sets it (to `[]` unless given).
   */
  readonly allowedHosts?: readonly string[];
  /** Told of every unexpected error (answered with a bare 500). Default: written to stderr. */
  readonly onError?: (error: unknown, request?: Request) => void;
  /**
   * A folder holding the built dashboard (`index.html` and `assets/`): `GET [urlPrefix]/` serves it,
   * without the token (the files are public; the app reads the token from the URL's fragment). When
   * absent, or without `index.html`, `GET [urlPrefix]/` answers a page saying how to build it.
   */
  readonly dashboardDir?: string;
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

  const limits = bodyLimits(options.maxBodyBytes);
  // Before access control: the dashboard's files are public, and the page must load without a token.
  app.use('*', dashboardStatic(options.dashboardDir, prefix));
  app.use(
    '*',
    accessControl({
      ...(options.token !== undefined ? { token: options.token } : {}),
      publicReads: options.publicReads ?? false,
      ...(options.allowedHosts !== undefined ? { allowedHosts: options.allowedHosts } : {}),
    }),
  );

  if ((manager as { readOnly?: unknown }).readOnly === true) {
    app.use(`${prefix}/api/*`, async (c, next) => {
      if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
      const message = 'This experiment is opened read-only (archspace view): it cannot be changed; resume it to run or change it';
      return json({ error: { code: 'read-only-experiment', message } }, 403);
    });
  }

  const mount = (table: readonly Route[]): Hono => {
    const api = new Hono({ strict: false });
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
    return api;
  };
  const api = mount(restRoutes(manager, { version: options.version ?? packageVersion(), bodyLimits: limits }));
  for (const base of API_BASES) app.route(`${prefix}${base}`, api);
  if (isDashboardSource(manager)) app.route(`${prefix}${API_BASES[1]}`, mount(dashboardRoutes(manager)));
  return app;
}
