/**
 * Deduplication's building blocks: `sampleKey` is canonical (key order never matters, at any depth)
 * and keeps arrays, objects and null apart; `ProposedSamples` counts distinct claims and finds unseen
 * samples with `retries` random draws, then (in a space of at most GRID_FALLBACK_LIMIT samples) the
 * grid's unclaimed points.
 */
import { describe, expect, it } from 'vitest';
import { Categorical, MutableDict, type Rng, type Sample, createRng } from '@archspace/mutables';
import { GRID_FALLBACK_LIMIT, ProposedSamples } from './proposed-samples.js';
import { sampleKey } from './sample-key.js';

describe('sampleKey', () => {
  it('sorts keys at every depth, keeps array order, and writes JSON', () => {
    expect(sampleKey({ b: 1, a: [3, { d: null, c: 'x' }, [2, 1]] })).toBe('{"a":[3,{"c":"x","d":null},[2,1]],"b":1}');
    expect(sampleKey({ b: { y: 1, x: 2 }, a: 0 })).toBe(sampleKey({ a: 0, b: { x: 2, y: 1 } }));
  });

  it('tells an array from an object with the same entries', () => {
    expect(sampleKey({ a: [1, 2] })).not.toBe(sampleKey({ a: { 0: 1, 1: 2 } }));
  });
});

/** A space of `n × m` samples whose `random` always returns `{ a: 0, b: 0 }`, counting the calls. */
function stuck(n: number, m: number): { space: MutableDict; calls: () => number } {
  const space = new MutableDict({ a: new Categorical(Array.from({ length: n }, (_, i) => i), { label: 'a' }), b: new Categorical(Array.from({ length: m }, (_, i) => i), { label: 'b' }) });
  let calls = 0;
  space.random = (_rng: Rng, _memo?: Sample) => (calls++, { a: 0, b: 0 });
  return { space, calls: () => calls };
}

describe('ProposedSamples', () => {
  it('counts distinct claims', () => {
    const proposed = new ProposedSamples(stuck(2, 2).space);
    expect(proposed.size).toBe(0);
    expect(proposed.claim({ a: 0, b: 1 })).toBe(true);
    expect(proposed.claim({ b: 1, a: 0 })).toBe(false);
    expect(proposed.size).toBe(1);
  });

  it('tries exactly `retries` random draws, then the grid points not claimed', () => {
    const { space, calls } = stuck(2, 2);
    const proposed = new ProposedSamples(space);
    proposed.claim({ a: 0, b: 0 });
    expect(proposed.claimUnseen(createRng(1), 3)).toEqual({ a: 0, b: 1 });
    expect(calls()).toBe(3);
    expect([1, 2].map(() => proposed.claimUnseen(createRng(1), 0))).toEqual([{ a: 1, b: 0 }, { a: 1, b: 1 }]);
    expect(proposed.claimUnseen(createRng(1), 2)).toBeUndefined();
    expect(proposed.size).toBe(4);
  });

  it('walks the grid of a space of exactly GRID_FALLBACK_LIMIT samples, not of a larger one', () => {
    expect(GRID_FALLBACK_LIMIT).toBe(1_000_000);
    const limit = new ProposedSamples(stuck(1000, 1000).space);
    limit.claim({ a: 0, b: 0 });
    expect(limit.findUnseen(createRng(1), 1)).toEqual({ a: 0, b: 1 });
    const larger = new ProposedSamples(stuck(1000, 1001).space);
    larger.claim({ a: 0, b: 0 });
    expect(larger.claimUnseen(createRng(1), 1)).toBeUndefined();
    expect(larger.size).toBe(1);
  });
});
