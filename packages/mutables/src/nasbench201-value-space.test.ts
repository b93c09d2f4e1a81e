import { describe, expect, it } from 'vitest';
import { Categorical } from './categorical.js';
import { MutableDict } from './mutable-dict.js';

const OPS = ['none', 'skip_connect', 'conv_1x1', 'conv_3x3', 'avg_pool_3x3'];
const EDGES = ['0_1', '0_2', '1_2', '0_3', '1_3', '2_3'];

describe('the NAS-Bench-201 value space (6 labels × 5 ops)', () => {
  const space = new MutableDict(Object.fromEntries(EDGES.map((edge) => [edge, new Categorical(OPS, { label: edge })])));

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
