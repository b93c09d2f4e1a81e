import { describe, expect, it } from 'vitest';
import { Categorical } from './categorical.js';
import { nasBench201ValueSpace } from './hub/nasbench201-value-space.js';
import { MutableDict } from './mutable-dict.js';
import { createRng } from './rng.js';

describe('the NAS-Bench-201 value space (6 labels × 5 ops)', () => {
  const space = nasBench201ValueSpace();

  it('has size 15625', () => {
    expect(space.size).toBe(15625);
  });

  it('walks a grid of 15625 distinct samples, last edge fastest', () => {
    const grid = [...space.grid()];
    expect(grid).toHaveLength(15625);
    expect(new Set(grid.map((s) => JSON.stringify(s))).size).toBe(15625);
    expect(grid[1]).toEqual({ '0_1': 'none', '0_2': 'none', '1_2': 'none', '0_3': 'none', '1_3': 'none', '2_3': 'skip_connect' });
  });
});

describe('nasBench201ValueSpace', () => {
  it('is the dict that callers build by hand, with the same seeded samples', () => {
    const ops = ['none', 'skip_connect', 'conv_1x1', 'conv_3x3', 'avg_pool_3x3'];
    const edges = ['0_1', '0_2', '1_2', '0_3', '1_3', '2_3'];
    const byHand = new MutableDict(Object.fromEntries(edges.map((edge) => [edge, new Categorical(ops, { label: edge })])));
    const space = nasBench201ValueSpace();
    expect(space.equals(byHand)).toBe(true);
    for (let seed = 0; seed < 10; seed++) expect(space.random(createRng(seed))).toEqual(byHand.random(createRng(seed)));
  });
});
