import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64ToBuffer, bytesToBase64 } from './base64.js';

describe('base64ToBuffer() accepts exactly the texts bytesToBase64() writes', () => {
  it('reads back any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        expect(base64ToBuffer(bytesToBase64(bytes))?.equals(bytes)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses any text that does not re-encode to itself (bad characters, padding, stray bits)', () => {
    const nearBase64 = fc.string({ unit: fc.constantFrom(...'AB/+=-_ \nZz09Qw'), maxLength: 16 });
    fc.assert(
      fc.property(nearBase64, (text) => {
        const canonical = Buffer.from(text, 'base64').toString('base64') === text;
        expect(base64ToBuffer(text) !== undefined).toBe(canonical);
      }),
      { numRuns: 3000 },
    );
  });

  it('refuses stray bits in the last group, and the URL-safe alphabet or white space anywhere', () => {
    expect(base64ToBuffer('AQ==')?.equals(Buffer.from([1]))).toBe(true);
    expect(base64ToBuffer('AQI=')?.equals(Buffer.from([1, 2]))).toBe(true);
    expect(base64ToBuffer('AB+/AAAA')?.byteLength).toBe(6);
    for (const text of ['AB==', 'AQJ=', 'AAAAAB==', 'AB-_AAAA', 'AA-AAAAA', 'AA_AAAAA', 'A AAAAAA', 'AAA\nAAAA', 'AQ', 'AQ=', 'AQ===']) {
      expect(base64ToBuffer(text)).toBeUndefined();
    }
  });

  it('checks megabytes of text without a stack overflow', () => {
    const text = bytesToBase64(new Uint8Array(6_000_000).fill(7));
    expect(base64ToBuffer(text)?.byteLength).toBe(6_000_000);
    expect(base64ToBuffer(`${text.slice(0, -4)}-_-_`)).toBeUndefined();
  });
});
