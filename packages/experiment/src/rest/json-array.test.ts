import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonArrayBody, jsonTextArrayBody } from './json-array.js';
import { manyTrialJobs } from './test-support/fake-manager.js';

async function text(body: Buffer | ReadableStream<Uint8Array>): Promise<string> {
  return new Response(body).text();
}

describe('jsonArrayBody', () => {
  it('gives exactly JSON.stringify of the array, short or streamed', async () => {
    for (const n of [0, 1, 2, 1999, 2000, 2001, 4000, 4001, 10_000]) {
      const items = manyTrialJobs(n);
      const body = jsonArrayBody(items);
      expect(Buffer.isBuffer(body)).toBe(n <= 2000);
      expect(await text(body)).toBe(JSON.stringify(items));
    }
  });

  it('agrees with JSON.stringify on any JSON values', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.jsonValue(), { maxLength: 30 }), async (items) => {
        expect(await text(jsonArrayBody(items))).toBe(JSON.stringify(items));
      }),
    );
  });

  it('reuses the JSON of deeply frozen items and never of mutable ones', async () => {
    const frozen = manyTrialJobs(3, true);
    expect(await text(jsonArrayBody(frozen))).toBe(JSON.stringify(frozen));
    expect(await text(jsonArrayBody(frozen))).toBe(JSON.stringify(frozen));
    const mutable = manyTrialJobs(3) as { status: string }[];
    expect(await text(jsonArrayBody(mutable))).toBe(JSON.stringify(mutable));
    mutable[1]!.status = 'FAILED';
    expect(await text(jsonArrayBody(mutable))).toContain('"FAILED"');
    // A frozen object with a mutable child is not cached either.
    const half = Object.freeze({ a: { n: 1 }, gone: undefined });
    expect(await text(jsonArrayBody([half]))).toBe('[{"a":{"n":1}}]');
    half.a.n = 2;
    expect(await text(jsonArrayBody([half]))).toBe('[{"a":{"n":2}}]');
  });

  it('fails before answering when the first slice cannot be serialised', () => {
    expect(() => jsonArrayBody([{ n: 1n }])).toThrow(TypeError);
  });
});

describe('jsonTextArrayBody', () => {
  it('joins JSON texts into the array they spell, short or streamed', async () => {
    for (const n of [0, 1, 2000, 2001, 6500]) {
      const items = manyTrialJobs(n);
      expect(await text(jsonTextArrayBody(items.map((i) => JSON.stringify(i))))).toBe(JSON.stringify(items));
    }
  });
});
