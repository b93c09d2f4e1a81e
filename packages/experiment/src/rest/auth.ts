/**
 * The pieces of the REST server's access control (`access-control.ts` applies them): which hosts
 * are loopback, fresh tokens, and a bearer-token check that compares in constant time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';

/**
 * Whether `host` only accepts connections from this machine (`127.0.0.0/8`, `::1`, `localhost`).
 *
 * @example
 * ```ts
 * isLoopbackHost('127.0.0.1'); // true
 * isLoopbackHost('0.0.0.0'); // false
 * ```
 */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (h.startsWith('::ffff:')) return isIP(h.slice(7)) === 4 && h.slice(7).startsWith('127.');
  return false;
}

/**
 * A fresh random token (32 bytes, base64url) for a server that must be reachable from other machines.
 *
 * @example
 * ```ts
 * const token = generateToken();
 * await startRestServer(manager, { host: '0.0.0.0', token });
 * ```
 */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/**
 * A checker of `Authorization` header values against `token`. Both sides are hashed first so that the
 * comparison takes the same time whatever the length or content of the guess.
 *
 * @example
 * ```ts
 * const allowed = bearerChecker('s3cret');
 * allowed('Bearer s3cret'); // true
 * allowed(undefined); // false
 * ```
 */
export function bearerChecker(token: string): (authorization: string | undefined) => boolean {
  const expected = digest(token);
  return (authorization) => {
    const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization ?? '');
    const given = digest(match?.[1] ?? '');
    return timingSafeEqual(given, expected) && match !== null;
  };
}
