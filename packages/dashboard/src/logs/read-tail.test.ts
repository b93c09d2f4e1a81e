import { describe, expect, it } from 'vitest';
import { readTail } from './read-tail.js';

function streamOf(...parts: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const part of parts) controller.enqueue(encoder.encode(part));
      controller.close();
    },
  });
}

describe('readTail', () => {
  it('keeps a short log whole', async () => {
    expect(await readTail(streamOf('epoch 1\n', 'epoch 2\n'), 100)).toEqual({ text: 'epoch 1\nepoch 2\n', truncated: false });
  });

  it('keeps only the last bytes of a long log, from a whole line on', async () => {
    const lines = Array.from({ length: 1000 }, (_, i) => `line ${i}\n`);
    const { text, truncated } = await readTail(streamOf(...lines), 40);
    expect(truncated).toBe(true);
    expect(text.length).toBeLessThanOrEqual(40);
    expect(text.endsWith('line 999\n')).toBe(true);
    expect(text.startsWith('line ')).toBe(true);
  });

  it('handles a missing body', async () => {
    expect(await readTail(null)).toEqual({ text: '', truncated: false });
  });
});
