/**
 * Requests to the experiment's REST API. Every request carries the token when one is known; a 401
 * asks the user for the token and tries once more. A failed request throws an `ApiError` that keeps
 * the server's code and message.
 */
import { askForToken, currentToken } from '../auth/token-keeper.js';
import { archspacePath, nniPath } from './api-base.js';
import type { ApiErrorBody } from './api-types.js';

/** A request the server refused or could not answer. */
export class ApiError extends Error {
  /** Builds the error from an HTTP status, the server's error code and its message. */
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** What a failed response says, as an `ApiError`. */
async function errorOf(response: Response): Promise<ApiError> {
  let body: Partial<ApiErrorBody> | undefined;
  try {
    body = (await response.json()) as Partial<ApiErrorBody>;
  } catch {
    body = undefined;
  }
  const message = body?.error?.message ?? `${response.status} ${response.statusText || 'request failed'}`;
  return new ApiError(response.status, body?.error?.code, message);
}

/** Sends a request with the token; on 401 asks for the token and sends it once more. */
export async function send(url: string, init: RequestInit = {}): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    const headers = new Headers(init.headers);
    const token = currentToken();
    if (token !== null) headers.set('Authorization', `Bearer ${token}`);
    const response = await fetch(url, { ...init, headers });
    if (response.status !== 401 || attempt > 0) {
      if (!response.ok) throw await errorOf(response);
      return response;
    }
    const method = init.method ?? 'GET';
    const answer = await askForToken(method === 'GET' ? 'This server needs the token to show the experiment.' : 'Changing the experiment needs its token.');
    if (answer === null) throw await errorOf(response);
  }
}

/** `GET /api/v1/archspace/<endpoint>` as JSON. */
export async function getArchspace<T>(endpoint: string, signal?: AbortSignal): Promise<T> {
  const response = await send(archspacePath(window.location.pathname, endpoint), signal === undefined ? {} : { signal });
  return (await response.json()) as T;
}

/** `GET /api/v1/nni/<endpoint>` as JSON. */
export async function getNni<T>(endpoint: string): Promise<T> {
  const response = await send(nniPath(window.location.pathname, endpoint));
  return (await response.json()) as T;
}

/** `GET /api/v1/nni/<endpoint>` as a raw response (for files). */
export function getNniResponse(endpoint: string, signal?: AbortSignal): Promise<Response> {
  return send(nniPath(window.location.pathname, endpoint), signal === undefined ? {} : { signal });
}

/** A write (`PUT`, `DELETE`, `POST`) to `/api/v1/nni/<endpoint>`, with an optional JSON body. */
export async function writeNni(method: 'PUT' | 'DELETE' | 'POST', endpoint: string, body?: unknown): Promise<void> {
  const init: RequestInit = body === undefined ? { method } : { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
  await send(nniPath(window.location.pathname, endpoint), init);
}
