import { describe, expect, it } from 'vitest';
import { SampleMissingError } from '@archspace/ir';
import { Categorical } from './categorical.js';
import { MutableDict } from './mutable-dict.js';
import { NestedChoice } from './nested-choice.js';
import { createRng } from './rng.js';

function optimizerSpace() {
  return new MutableDict({
    optimizer: new NestedChoice(
      {
        sgd: new MutableDict({ name: 'sgd', momentum: new Categorical([0.5, 0.9], { label: 'momentum' }) }),
        adam: new MutableDict({ name: 'adam', beta: new Categorical([0.9, 0.99, 0.999], { label: 'beta' }) }),
        none: 'none',
      },
      { label: 'optimizer' },
    ),
    batch: new Categorical([32, 64], { label: 'batch' }),
  });
}

describe('NestedChoice', () => {
  it('counts the sum over options of what each activates', () => {
    expect(optimizerSpace().size).toBe((2 + 3 + 1) * 2);
  });

  it('walks the grid through the active branch only', () => {
    const grid = [...optimizerSpace().grid()];
    expect(grid).toHaveLength(12);
    expect(grid[0]).toEqual({ optimizer: 'sgd', momentum: 0.5, batch: 32 });
    expect(grid.at(-1)).toEqual({ optimizer: 'none', batch: 64 });
    expect(new Set(grid.map((s) => JSON.stringify(s))).size).toBe(12);
  });

  it('samples and validates only the active branch; other branches may be missing', () => {
    const space = optimizerSpace();
    for (let seed = 0; seed < 30; seed++) {
      const sample = space.random(createRng(seed));
      if (sample['optimizer'] === 'sgd') expect(Object.keys(sample).sort()).toEqual(['batch', 'momentum', 'optimizer']);
      if (sample['optimizer'] === 'none') expect(Object.keys(sample).sort()).toEqual(['batch', 'optimizer']);
      expect(space.contains(sample)).toBe(true);
    }
    expect(space.contains({ optimizer: 'none', batch: 32, momentum: 'junk' })).toBe(true);
    expect(space.checkContains({ optimizer: 'adam', batch: 32 })).toBeInstanceOf(SampleMissingError);
  });

  it('freezes to the chosen option', () => {
    const space = optimizerSpace();
    expect(space.freeze({ optimizer: 'adam', beta: 0.99, batch: 64 })).toEqual({ optimizer: { name: 'adam', beta: 0.99 }, batch: 64 });
    expect(space.freeze({ optimizer: 'none', batch: 64 })).toEqual({ optimizer: 'none', batch: 64 });
  });

  it('lists every branch in simplify()', () => {
    expect(Object.keys(optimizerSpace().simplify())).toEqual(['optimizer', 'momentum', 'beta', 'batch']);
  });

  it('completes a partial sample with the branch it activates', () => {
    const filled = optimizerSpace().random(createRng(1), { optimizer: 'adam', momentum: 0.5 });
    expect(filled['optimizer']).toBe('adam');
    expect(filled).not.toHaveProperty('momentum');
    expect([0.9, 0.99, 0.999]).toContain(filled['beta']);
  });
});
