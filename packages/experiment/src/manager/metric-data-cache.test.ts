/** The metric-data body cache: what it keeps, what it forgets, and its byte budget under many ids. */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { MetricDataCache } from './metric-data-cache.js';

const bytes = (text: string) => Buffer.from(text, 'utf8');

it('keeps a body until its trial is forgotten, per metric type', () => {
  const cache = new MetricDataCache();
  let builds = 0;
  const build = (text: string) => () => {
    builds++;
    return bytes(text);
  };
  expect(cache.body('a', undefined, build('[1]')).toString()).toBe('[1]');
  expect(cache.body('a', undefined, build('[2]')).toString()).toBe('[1]');
  expect(cache.body('a', 'FINAL', build('[3]')).toString()).toBe('[3]');
  expect(cache.body('b', undefined, build('[4]')).toString()).toBe('[4]');
  cache.forget('a');
  expect(cache.body('a', undefined, build('[5]')).toString()).toBe('[5]');
  expect(cache.body('a', 'FINAL', build('[6]')).toString()).toBe('[6]');
  expect(cache.body('b', undefined, build('[7]')).toString()).toBe('[4]');
  expect(builds).toBe(5);
});

it('never holds more than its budget, whatever ids and body sizes are asked for, and forgets the least recently used first', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.string({ maxLength: 40 }), fc.nat(3000)), { maxLength: 300 }), (requests) => {
      const cache = new MetricDataCache(8 * 1024);
      for (const [id, size] of requests) {
        cache.body(id, undefined, () => new Uint8Array(size));
        expect(cache.bytes).toBeLessThanOrEqual(8 * 1024);
      }
    }),
  );
  const cache = new MetricDataCache(3 * (1000 + 2 * 3 + 128));
  for (const id of ['a', 'b', 'c']) cache.body(id, undefined, () => new Uint8Array(1000));
  cache.body('a', undefined, () => new Uint8Array(1)); // a is now the most recently used
  cache.body('d', undefined, () => new Uint8Array(1000)); // evicts b
  let rebuilt = false;
  cache.body('b', undefined, () => ((rebuilt = true), new Uint8Array(1000)));
  expect(rebuilt).toBe(true);
});
