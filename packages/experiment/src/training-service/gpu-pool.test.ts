/**
 * The GPU ledger: trials get exactly the GPUs they ask for, distinct and from the list, never more
 * trials on one GPU than allowed, and everything comes back when trials end.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GpuPool } from './gpu-pool.js';

describe('GpuPool', () => {
  it('gives one GPU per trial until every GPU is taken, then says not now', () => {
    const pool = new GpuPool([0, 1], 1);
    expect(pool.tryAcquire('a', 1)).toEqual([0]);
    expect(pool.tryAcquire('b', 1)).toEqual([1]);
    expect(pool.tryAcquire('c', 1)).toBeUndefined();
    pool.release('a');
    expect(pool.tryAcquire('c', 1)).toEqual([0]);
  });

  it('lets maxTrialNumberPerGpu trials share a GPU, least shared first', () => {
    const pool = new GpuPool([3, 5], 2);
    expect(['a', 'b', 'c', 'd'].map((id) => pool.tryAcquire(id, 1))).toEqual([[3], [5], [3], [5]]);
    expect(pool.tryAcquire('e', 1)).toBeUndefined();
    expect([pool.loadOf(3), pool.loadOf(5)]).toEqual([2, 2]);
  });

  it('skips a GPU other processes use, unless its own trials hold it', () => {
    const pool = new GpuPool([0, 1], 2);
    expect(pool.tryAcquire('a', 1, new Set([0]))).toEqual([1]);
    expect(pool.tryAcquire('b', 1, new Set([0, 1]))).toEqual([1]);
    expect(pool.tryAcquire('c', 1, new Set([0, 1]))).toBeUndefined();
  });

  it('gives several GPUs at once only when that many are free', () => {
    const pool = new GpuPool([0, 1, 2], 1);
    expect(pool.tryAcquire('a', 2)).toEqual([0, 1]);
    expect(pool.tryAcquire('b', 2)).toBeUndefined();
    expect(pool.heldBy('b')).toEqual([]);
    pool.release('a');
    pool.release('a');
    expect(pool.tryAcquire('b', 3)).toEqual([0, 1, 2]);
  });

  it('refuses repeated indices, a share below 1 and a second claim by one holder', () => {
    expect(() => new GpuPool([0, 0], 1)).toThrow('distinct');
    expect(() => new GpuPool([0], 0)).toThrow('maxTrialNumberPerGpu');
    const pool = new GpuPool([0, 1], 1);
    pool.tryAcquire('__proto__', 1);
    expect(pool.heldBy('__proto__')).toEqual([0]);
    expect(() => pool.tryAcquire('__proto__', 1)).toThrow('already holds');
  });

  it('keeps its invariants under any sequence of requests and releases', () => {
    const op = fc.oneof(fc.record({ kind: fc.constant('acquire' as const), count: fc.integer({ min: 1, max: 4 }), busy: fc.subarray([0, 1, 2, 7]) }), fc.record({ kind: fc.constant('release' as const), pick: fc.nat() }));
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 7 }), { minLength: 1, maxLength: 5 }), fc.integer({ min: 1, max: 3 }), fc.array(op, { maxLength: 40 }), (indices, share, ops) => {
        const pool = new GpuPool(indices, share);
        const holders = new Map<string, readonly number[]>();
        let next = 0;
        for (const step of ops) {
          if (step.kind === 'acquire') {
            const holder = `t${next++}`;
            const got = pool.tryAcquire(holder, step.count, new Set(step.busy));
            if (got === undefined) continue;
            // Exactly the count asked for, distinct, all listed.
            expect(got).toHaveLength(step.count);
            expect(new Set(got).size).toBe(step.count);
            for (const index of got) expect(indices).toContain(index);
            holders.set(holder, got);
          } else if (holders.size > 0) {
            const holder = [...holders.keys()][step.pick % holders.size]!;
            pool.release(holder);
            holders.delete(holder);
          }
          for (const index of indices) {
            const load = [...holders.values()].filter((got) => got.includes(index)).length;
            expect(load).toBeLessThanOrEqual(share);
            expect(pool.loadOf(index)).toBe(load);
          }
        }
        for (const holder of holders.keys()) pool.release(holder);
        // Every trial's devices are back.
        for (const index of indices) expect(pool.loadOf(index)).toBe(0);
        expect(pool.tryAcquire('all', indices.length)).toHaveLength(indices.length);
      }),
      { numRuns: 200 },
    );
  });
});
