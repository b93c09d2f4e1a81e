import { describe, expect, it } from 'vitest';
import { createRng } from '../rng.js';
import { nn } from './index.js';
import { NasBench201Cell } from './nasbench201-cell.js';
import { trace } from './trace.js';

describe('NasBench201Cell', () => {
  const cell = () => new NasBench201Cell(nn.NASBENCH201_OPS, 16, 16, { label: 'cell' });

  it('has six edges labelled {label}/{j}_{i} and 15,625 samples', () => {
    expect(Object.keys(cell().simplify())).toEqual(['cell/0_1', 'cell/0_2', 'cell/1_2', 'cell/0_3', 'cell/1_3', 'cell/2_3']);
    expect(cell().size).toBe(15625);
  });

  it('freezes to the same network as the frozen cell built from the arch string', () => {
    const space = cell();
    for (let seed = 0; seed < 25; seed++) {
      const sample = space.random(createRng(seed));
      const arch = Object.fromEntries(Object.entries(sample).map(([k, v]) => [k.slice('cell/'.length), v]));
      const fromSpace = trace(space.freeze(sample), [[null, 16, 32, 32]]);
      const reference = trace(nn.nasBench201FrozenCell(arch as nn.NasBench201Arch, 16, 16), [[null, 16, 32, 32]]);
      expect(fromSpace.parameterCount()).toBe(reference.parameterCount());
      expect(fromSpace.flops()).toBe(reference.flops());
      expect(fromSpace.root.nodes.map((n) => n.type)).toEqual(reference.root.nodes.map((n) => n.type));
    }
  });

  it('shares one architecture between cells with one label, even at different widths', () => {
    const a = new NasBench201Cell(nn.NASBENCH201_OPS, 16, 16, { label: 'shared' });
    const b = new NasBench201Cell(nn.NASBENCH201_OPS, 32, 32, { label: 'shared' });
    const both = new nn.Sequential(a, new nn.Conv2d(16, 32, 1), b);
    expect(Object.keys(both.simplify())).toHaveLength(6);
    expect(both.size).toBe(15625);
  });
});
