/** Strict base64 for byte arrays (internal): `Buffer.from(text, 'base64')` alone skips bad characters. */

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The bytes of `bytes` (a view, so only its own window) in standard padded base64. */
export function bytesToBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** The bytes `text` encodes, or `undefined` if it is not standard padded base64. */
export function base64ToBuffer(text: string): Buffer | undefined {
  if (!BASE64.test(text)) return undefined;
  return Buffer.from(text, 'base64');
}
