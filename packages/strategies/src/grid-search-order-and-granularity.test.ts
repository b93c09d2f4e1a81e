/**
 * Grid search, beyond covering a finite space once: `done` only once the walk is over, shuffling in
 * buffers of 100 grid points, and how far the granularity of an infinite grid is refined (up to
 * `maxGranularity`, stopping after three rounds in a row that add nothing new).
 */
import { describe, expect, it } from 'vitest';
import { Categorical, MutableDict, Numerical, type Sample, createRng } from '@archspace/mutables';
import { GridSearch, type GridSearchOptions } from './grid-search.js';
import { sampleKey } from './sample-key.js';
import type { StrategySession } from './strategy.js';
import { drain } from './test-support/session-helpers.js';

/** 25 × 10 = 250 grid points. */
const big = new MutableDict({ a: new Categorical(Array.from({ length: 25 }, (_, i) => i), { label: 'a' }), b: new Categorical(Array.from({ length: 10 }, (_, i) => i), { label: 'b' }) });

function start(space: MutableDict, options: GridSearchOptions = {}, seed = 1): StrategySession {
  return new GridSearch(options).start({ space, rng: createRng(seed), direction: 'maximize' });
}

const keys = (samples: readonly Sample[]): string[] => samples.map(sampleKey);

describe('grid search: done', () => {
  it.each([false, true])('is false until an ask finds the grid walked, then true (shuffle %s)', (shuffle) => {
    const session = start(big, { shuffle });
    expect(session.done).toBe(false);
    for (let i = 0; i < 250; i++) {
      expect(session.ask()).toBeDefined();
      expect(session.done).toBe(false);
    }
    expect(session.ask()).toBeUndefined();
    expect(session.done).toBe(true);
    expect(session.ask()).toBeUndefined();
    expect(session.done).toBe(true);
  });
});

describe('grid search: order', () => {
  const grid = [...big.grid()];

  it('follows the grid order without shuffle', () => {
    expect(keys(drain(start(big)).map((p) => p.sample))).toEqual(keys(grid));
  });

  it('with shuffle, proposes each buffer of 100 grid points in a shuffled order before the next', () => {
    expect(new GridSearch({ shuffle: true }).options.shuffle).toBe(true);
    const proposed = keys(drain(start(big, { shuffle: true })).map((p) => p.sample));
    expect(proposed).toHaveLength(250);
    expect(proposed).not.toEqual(keys(grid));
    for (const [from, to] of [[0, 100], [100, 200], [200, 250]] as const) {
      expect(proposed.slice(from, to).sort()).toEqual(keys(grid.slice(from, to)).sort());
      expect(proposed.slice(from, to)).not.toEqual(keys(grid.slice(from, to)));
    }
  });
});

describe('grid search: granularity', () => {
  /** The distinct samples of the grids at granularity 1 … `last`, in the order they first appear. */
  function refined(space: MutableDict, last: number): string[] {
    const seen = new Set<string>();
    for (let g = 1; g <= last; g++) for (const s of space.grid({ granularity: g })) seen.add(sampleKey(s));
    return [...seen];
  }

  it('refines a continuous grid up to maxGranularity and no further', () => {
    const space = new MutableDict({ x: new Numerical({ low: 0, high: 1, label: 'x' }) });
    const session = start(space, { maxGranularity: 4 });
    const proposed = keys(drain(session).map((p) => p.sample));
    expect(proposed).toHaveLength(15);
    expect(proposed).toEqual(refined(space, 4));
    expect(session.done).toBe(true);
  });

  it('walks granularities until a finite space is covered', () => {
    // Granularity 1 gives 0.5 only; the nine multiples of 0.125 appear by granularity 4.
    const space = new MutableDict({ x: new Numerical({ low: 0, high: 1, quantize: 0.125, label: 'x' }) });
    const proposed = drain(start(space)).map((p) => p.sample['x']);
    expect(proposed).toHaveLength(9);
    expect(new Set(proposed)).toEqual(new Set([0, 0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875, 1]));
  });

  it('stops after three granularities in a row add nothing, even below maxGranularity', () => {
    // A quantized normal: granularity 2 adds ±1, 4 adds ±2, 5–7 add nothing, 8 would add ±3.
    const space = new MutableDict({ x: new Numerical({ mu: 0, sigma: 1, quantize: 1, label: 'x' }) });
    const proposed = drain(start(space, { maxGranularity: 10 })).map((p) => p.sample['x']);
    expect(proposed).toEqual([0, -1, 1, -2, 2]);
    expect(refined(space, 8)).toHaveLength(7);
  });
});
