/**
 * Reading a request body within the limit of its route. Only two routes take a body, and each has
 * its own limit (`RestAppOptions.maxBodyBytes`, 1 MiB by default): a larger body is refused (413)
 * before it is read when its length is declared, and as soon as it passes the limit otherwise, so a
 * request never holds more than its limit in memory.
 */
import { ArchspaceError } from '@archspace/ir';
import { RestError } from './rest-error.js';

/** The routes that take a request body, named as `"METHOD /path"`. */
export type BodyRoute = 'PUT /experiment' | 'POST /trial-jobs';

/** Every route that takes a body. */
export const BODY_ROUTES: readonly BodyRoute[] = ['PUT /experiment', 'POST /trial-jobs'];

/** The largest body a route accepts unless told otherwise: 1 MiB, room for a search space of thousands of choices. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/**
 * The body limits of a server: one number for every route, or a number per route (routes left out
 * keep `DEFAULT_MAX_BODY_BYTES`).
 *
 * @example
 * ```ts
 * const limits: MaxBodyBytes = { 'PUT /experiment': 8 * 1024 * 1024 };
 * ```
 */
export type MaxBodyBytes = number | Readonly<Partial<Record<BodyRoute, number>>>;

/** The limit of one route, and how the option that sets it is written (for the 413 message). */
export interface BodyLimit {
  readonly bytes: number;
  readonly option: string;
}

/** `bytes` when it is a limit (an integer ≥ 0); else an `ArchspaceError` at `path`. */
function checkedLimit(bytes: unknown, path: (string | number)[]): number {
  if (typeof bytes === 'number' && Number.isSafeInteger(bytes) && bytes >= 0) return bytes;
  throw new ArchspaceError({ code: 'invalid-body-limit', path, expected: 'an integer number of bytes ≥ 0', received: bytes });
}

/**
 * The limit of every body route under `option`; throws an `ArchspaceError` (`invalid-body-limit`)
 * for a limit that is not an integer ≥ 0 or a route that takes no body.
 *
 * @example
 * ```ts
 * bodyLimits({ 'PUT /experiment': 8 << 20 })['POST /trial-jobs'].bytes; // 1048576
 * ```
 */
export function bodyLimits(option: MaxBodyBytes | undefined): Readonly<Record<BodyRoute, BodyLimit>> {
  if (typeof option === 'object' && option !== null) {
    const unknown = Object.keys(option).find((key) => !(BODY_ROUTES as readonly string[]).includes(key));
    if (unknown !== undefined) {
      throw new ArchspaceError({ code: 'invalid-body-limit', path: ['maxBodyBytes', unknown], expected: `one of the routes that take a body: ${BODY_ROUTES.join(', ')}`, received: unknown });
    }
  }
  const limitOf = (route: BodyRoute): BodyLimit => {
    if (option !== undefined && (typeof option !== 'object' || option === null)) return { bytes: checkedLimit(option, ['maxBodyBytes']), option: 'maxBodyBytes' };
    const given = option !== undefined && Object.hasOwn(option, route) ? option[route] : undefined;
    return { bytes: given === undefined ? DEFAULT_MAX_BODY_BYTES : checkedLimit(given, ['maxBodyBytes', route]), option: `maxBodyBytes["${route}"]` };
  };
  return { 'PUT /experiment': limitOf('PUT /experiment'), 'POST /trial-jobs': limitOf('POST /trial-jobs') };
}

function tooLarge(route: BodyRoute, limit: BodyLimit, size: string): RestError {
  const message = `The body of ${route} is ${size}, over this server's limit of ${limit.bytes} bytes; the server's ${limit.option} option (RestAppOptions) sets it`;
  return new RestError(413, { code: 'body-too-large', path: ['body'], message });
}

/**
 * The body of `request` as text, read chunk by chunk; a body longer than `limit` is a `RestError`
 * 413 (`body-too-large`) that names the limit and the option that sets it.
 */
export async function readBodyText(request: Request, route: BodyRoute, limit: BodyLimit): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (declared > limit.bytes) throw tooLarge(route, limit, `${declared} bytes`);
  if (request.body === null) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit.bytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(route, limit, `more than ${limit.bytes} bytes`);
    }
    chunks.push(value);
  }
  const bytes = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}
