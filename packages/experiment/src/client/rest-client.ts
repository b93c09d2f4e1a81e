/**
 * The HTTP transport of the `Experiment` client: one request to the REST API, with the bearer token,
 * a timeout, retries of idempotent requests when the connection fails, and every failure turned into
 * an `ExperimentClientError`.
 */
import { ExperimentClientError } from './client-error.js';

/** How the client talks to a server. */
export interface TransportOptions {
  /** The token the server was started with, sent as `Authorization: Bearer <token>`. */
  readonly token?: string;
  /** How long one request may take, in ms (the reference hard-codes 20 s). Default 60,000. */
  readonly timeoutMs?: number;
  /** How many times a GET is retried when the connection fails (refused, reset). Default 2. */
  readonly retries?: number;
  /** The pause before the first retry, in ms; it doubles at every retry. Default 200. */
  readonly retryDelayMs?: number;
}

/** What to make of a successful answer. */
type Expect = 'json' | 'text' | 'none';

/** Connection failures worth a retry: the server is not (yet, or any more) listening. */
const RETRYABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The code of the network error behind a failed `fetch` (`ECONNREFUSED`, …), if any. */
export function networkErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    const inner = (current as { errors?: unknown }).errors;
    if (Array.isArray(inner) && inner.length > 0) current = inner[0];
    else current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Requests to one server's API (`{endpoint}/api/v1/nni/…`).
 *
 * @example
 * ```ts
 * const rest = new RestClient('http://127.0.0.1:8080', { token });
 * const status = await rest.request('GET', '/check-status'); // { status: 'RUNNING', errors: [] }
 * ```
 */
export class RestClient {
  /** The API's base URL, `{endpoint}/api/v1/nni`. */
  readonly apiUrl: string;
  readonly #headers: Record<string, string>;
  readonly #timeoutMs: number;
  readonly #retries: number;
  readonly #retryDelayMs: number;

  constructor(endpoint: string, options: TransportOptions = {}) {
    this.apiUrl = `${endpoint}/api/v1/nni`;
    this.#headers = options.token === undefined ? {} : { authorization: `Bearer ${options.token}` };
    this.#timeoutMs = options.timeoutMs ?? 60_000;
    this.#retries = options.retries ?? 2;
    this.#retryDelayMs = options.retryDelayMs ?? 200;
  }

  /**
   * Sends one request and returns the decoded answer: parsed JSON (`expect: 'json'`, the default),
   * text, or nothing. `path` starts with `/` and is relative to the API's base.
   */
  async request<T = unknown>(method: string, path: string, init: { body?: unknown; expect?: Expect; retries?: number } = {}): Promise<T> {
    const url = `${this.apiUrl}${path}`;
    const retries = init.retries ?? (method === 'GET' ? this.#retries : 0);
    const headers = init.body === undefined ? this.#headers : { ...this.#headers, 'content-type': 'application/json' };
    const body = init.body === undefined ? undefined : JSON.stringify(init.body);
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await fetch(url, { method, headers, body, signal: AbortSignal.timeout(this.#timeoutMs) });
      } catch (error) {
        const code = networkErrorCode(error);
        if (code !== undefined && RETRYABLE.has(code) && attempt < retries) {
          await sleep(this.#retryDelayMs * 2 ** attempt);
          continue;
        }
        throw this.#transportError(method, url, error, code);
      }
      return this.#decode<T>(method, url, response, init.expect ?? 'json');
    }
  }

  #transportError(method: string, url: string, error: unknown, code: string | undefined): ExperimentClientError {
    if ((error as { name?: unknown } | null)?.name === 'TimeoutError') {
      return new ExperimentClientError({ code: 'request-timeout', message: `${method} ${url} got no answer within ${this.#timeoutMs} ms (raise the timeoutMs option if the server is busy)` });
    }
    const why = code ?? (error instanceof Error ? error.message : String(error));
    return new ExperimentClientError({ code: 'connection-failed', message: `${method} ${url} failed: ${why}; is the experiment's REST server running?` });
  }

  async #decode<T>(method: string, url: string, response: Response, expect: Expect): Promise<T> {
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw this.#transportError(method, url, error, networkErrorCode(error));
    }
    if (!response.ok) throw refusal(method, url, response.status, text);
    if (expect === 'none') return undefined as T;
    if (expect === 'text') return text as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new ExperimentClientError({ code: 'malformed-response', message: `${method} ${url} answered ${response.status} with a body that is not JSON: ${text.slice(0, 100)}` }, response.status);
    }
  }
}

/** The error for a non-2xx answer, taken from the server's `{ error: { code, message, path } }` body when present. */
function refusal(method: string, url: string, status: number, text: string): ExperimentClientError {
  let detail: { code?: unknown; message?: unknown; path?: unknown } | undefined;
  try {
    detail = (JSON.parse(text) as { error?: typeof detail }).error;
  } catch {
    detail = undefined;
  }
  const code = typeof detail?.code === 'string' ? detail.code : `http-${status}`;
  const message = typeof detail?.message === 'string' ? detail.message : text.slice(0, 200) || `status ${status}`;
  const path = Array.isArray(detail?.path) ? detail.path.filter((p): p is string | number => typeof p === 'string' || typeof p === 'number') : [];
  return new ExperimentClientError({ code, path, message: `${method} ${url} was refused (${status}): ${message}` }, status);
}
