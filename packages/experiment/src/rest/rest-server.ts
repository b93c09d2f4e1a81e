/**
 * Serves the REST API of a running experiment over HTTP. Bound to `127.0.0.1` by default; binding to
 * any other address needs a token, because the API can stop the experiment and read trial output.
 * On loopback with a token, changes need the token and reads do not (`publicReads`); elsewhere
 * everything needs it.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { ArchspaceError } from '@archspace/ir';
import type { ManagerApi } from '../records.js';
import { isLoopbackHost } from './auth.js';
import { createRestApp, normalizeUrlPrefix, type RestAppOptions, type TrialListingText } from './rest-app.js';
import { warmUp } from './warm-up.js';

/** Options of `startRestServer`. */
export interface RestServerOptions extends RestAppOptions {
  /** The TCP port; `0` (the default) picks a free one. */
  readonly port?: number;
  /** The address to bind. Default `127.0.0.1`; any non-loopback address requires `token`. */
  readonly host?: string;
  /** How long `close()` lets running requests finish before cutting them, in ms. Default 2000. */
  readonly closeGraceMs?: number;
  /**
   * Whether to answer a few small reads to itself before resolving (`warm-up.ts`), so that the first
   * client's request does not pay the one-time costs of a fresh process. Default false; the
   * experiment launcher turns it on.
   */
  readonly warmUp?: boolean;
}

/** A running REST server. */
export interface RestServer {
  /** The endpoint to give a client (`Experiment.connect(url)`), such as `http://127.0.0.1:8080/prefix`. */
  readonly url: string;
  /** The port actually bound (useful with `port: 0`). */
  readonly port: number;
  /** The address bound. */
  readonly host: string;
  /** Stops accepting connections and resolves once the server is closed. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Starts serving the REST API of `manager`: `GET {url}/api/v1/nni/check-status` and the rest of the
 * reference's endpoints (also under `/api/v1/archspace/`).
 *
 * @throws `ArchspaceError` `token-required` when `host` is not a loopback address and no token is given;
 * `invalid-port`; `listen-failed` when the port is taken or the address cannot be bound.
 *
 * @example
 * ```ts
 * const server = await startRestServer(manager); // http://127.0.0.1:<free port>
 * const exp = await Experiment.connect(server.url);
 * await server.close();
 * ```
 */
export async function startRestServer(manager: ManagerApi & TrialListingText, options: RestServerOptions = {}): Promise<RestServer> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ArchspaceError({ code: 'invalid-port', path: ['port'], expected: 'an integer from 0 (any free port) to 65535', received: port });
  }
  if (options.token !== undefined && !/^[\x21-\x7e]+$/.test(options.token)) {
    throw new ArchspaceError({ code: 'invalid-token', path: ['token'], expected: 'a non-empty string of printable ASCII characters without spaces' });
  }
  if (!isLoopbackHost(host) && options.token === undefined) {
    throw new ArchspaceError({
      code: 'token-required',
      path: ['token'],
      message: `Binding the REST server to ${host} makes it reachable from other machines; give a token (generateToken() makes one) so that only clients that know it are served`,
    });
  }
  const prefix = normalizeUrlPrefix(options.urlPrefix);
  // Requests served without a token must name a loopback host (or a listed one): see allowedHosts.
  const app = createRestApp(manager, { ...options, allowedHosts: options.allowedHosts ?? [], publicReads: options.publicReads ?? isLoopbackHost(host) });
  const server = createAdaptorServer({ fetch: app.fetch, hostname: host }) as Server;

  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      reject(new ArchspaceError({ code: 'listen-failed', path: ['port'], message: `Cannot serve the REST API on ${host}:${port}: ${error.code ?? error.message}` }));
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  // A failing socket must never bring the experiment down. (Malformed HTTP gets Node's own 400/431.)
  server.on('error', (error) => (options.onError ?? console.error)(error));

  const bound = (server.address() as AddressInfo).port;
  const urlHost = connectHost(host);
  let closing: Promise<void> | undefined;
  const url = `http://${urlHost}:${bound}${prefix}`;
  if (options.warmUp === true) await warmUp(url, options.token);
  return {
    url,
    port: bound,
    host,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), options.closeGraceMs ?? 2000).unref();
      });
      return closing;
    },
  };
}

/** The host a client on this machine uses to reach a server bound to `host`. */
function connectHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::' || host === '[::]') return '[::1]';
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}
