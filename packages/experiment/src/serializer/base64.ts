/**
 * Strict base64 for byte arrays (internal): `Buffer.from(text, 'base64')` alone skips bad
 * characters. Both directions are linear and run in native code, so arrays of hundreds of MB work.
 */

// One character class and a tail: linear, with no repeated group for the engine to backtrack through
// (a pattern like `(?:[A-Za-z0-9+/]{4})*` overflows the stack on a few MB of text).
const BASE64_ALPHABET = /^[A-Za-z0-9+/]*={0,2}$/;

/** The bytes of `bytes` (a view, so only its own window) in standard padded base64. */
export function bytesToBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** The length of the base64 text of `byteLength` bytes, known before encoding them. */
export function base64Length(byteLength: number): number {
  return 4 * Math.ceil(byteLength / 3);
}

/**
 * The bytes `text` encodes, or `undefined` unless it is standard padded base64 exactly as
 * {@link bytesToBase64} writes it: no white space, no URL-safe alphabet, no missing padding, no
 * stray bits in the last character.
 */
export function base64ToBuffer(text: string): Buffer | undefined {
  if (text.length % 4 !== 0 || !BASE64_ALPHABET.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  if (base64Length(bytes.byteLength) !== text.length) return undefined;
  // Only the last group of four characters can be written another way (with stray bits): compare it.
  const lastGroupBytes = bytes.byteLength % 3 === 0 ? 3 : bytes.byteLength % 3;
  const lastGroup = bytes.subarray(bytes.byteLength - lastGroupBytes).toString('base64');
  return text.endsWith(lastGroup) ? bytes : undefined;
}
