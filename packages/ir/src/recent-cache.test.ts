import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RecentCache } from './recent-cache.js';

type Step = { readonly kind: 'set'; readonly key: number; readonly weight: number } | { readonly kind: 'get'; readonly key: number };

const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), key: fc.nat(7), weight: fc.integer({ min: 0, max: 40 }) }),
  fc.record({ kind: fc.constant('get' as const), key: fc.nat(7) }),
);

describe('RecentCache', () => {
  it('stays within its capacity (or keeps only the entry set last), never answers a stale value and always keeps the last set', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.array(stepArbitrary, { maxLength: 60 }), (capacity, steps) => {
        const keys = Array.from({ length: 8 }, () => ({}));
        const cache = new RecentCache<object, string>(capacity);
        const latest = new Map<number, { value: string; weight: number }>();
        steps.forEach((step, i) => {
          if (step.kind === 'set') {
            const value = `v${i}`;
            cache.set(keys[step.key]!, value, step.weight);
            latest.set(step.key, { value, weight: step.weight });
            expect(cache.get(keys[step.key]!)).toBe(value);
          } else {
            const got = cache.get(keys[step.key]!);
            if (got !== undefined) expect(got).toBe(latest.get(step.key)?.value);
          }
          expect(cache.weight <= capacity || cache.size === 1).toBe(true);
        });
        // The weight it counts is that of what it answers for (read at the end: a read marks an entry).
        let kept = 0;
        let answered = 0;
        for (const [key, { weight }] of latest) {
          if (cache.get(keys[key]!) === undefined) continue;
          kept += weight;
          answered++;
        }
        expect(cache.weight).toBe(kept);
        expect(cache.size).toBe(answered);
      }),
    );
  });

  it('evicts the oldest entry not read since, so an entry in use survives a newer one', () => {
    const [a, b, c] = [{}, {}, {}];
    const cache = new RecentCache<object, string>(20);
    cache.set(a, 'a', 10);
    cache.set(b, 'b', 10);
    expect(cache.get(a)).toBe('a');
    cache.set(c, 'c', 10);
    expect(cache.get(a)).toBe('a');
    expect(cache.get(b)).toBeUndefined();
    expect(cache.get(c)).toBe('c');
  });
});
