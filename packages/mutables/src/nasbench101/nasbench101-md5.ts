/**
 * MD5 of a text as lowercase hex, the digest the NAS-Bench-101 hash is built from. Uses Node's
 * one-shot `crypto.hash` (about twice as fast as `createHash` for the short texts hashed here) and
 * falls back to `createHash` where the one-shot form is missing.
 * @internal
 */
import * as crypto from 'node:crypto';

const oneShot = (crypto as { hash?: typeof crypto.hash }).hash;

/**
 * The lowercase hex MD5 of the UTF-8 bytes of `text`.
 * @internal
 */
export const md5Hex: (text: string) => string =
  typeof oneShot === 'function'
    ? (text) => oneShot('md5', text, 'hex')
    : (text) => crypto.createHash('md5').update(text, 'utf8').digest('hex');
