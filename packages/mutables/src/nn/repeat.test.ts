import { describe, expect, it } from 'vitest';
import { Categorical } from '../categorical.js';
import { createRng } from '../rng.js';
import { ValueChoice } from '../value-choice.js';
import { LayerChoice } from './layer-choice.js';
import { nn } from './index.js';
import { Repeat } from './repeat.js';
import { trace } from './trace.js';

const conv = () => new nn.Conv2d(4, 4, 3, { padding: 1 });

describe('Repeat', () => {
  it('with a [min, max] depth is a decision over min … max and freezes to a Sequential', () => {
    const repeat = new Repeat(conv(), [1, 3], { label: 'depth' });
    expect(repeat.depths).toEqual([1, 2, 3]);
    expect(Object.keys(repeat.simplify())).toEqual(['depth']);
    expect(repeat.size).toBe(3);
    const frozen = repeat.freeze({ depth: 2 });
    expect(frozen).toBeInstanceOf(nn.Sequential);
    expect((frozen as InstanceType<typeof nn.Sequential>).length).toBe(2);
    expect(trace(frozen, [[null, 4, 8, 8]]).root.nodes.map((n) => n.type)).toEqual(['Conv2d', 'Conv2d']);
  });

  it('copies a module block so that the copies share its choices', () => {
    const repeat = new Repeat(new LayerChoice([conv(), new nn.Identity()], { label: 'lc' }), [1, 3], { label: 'rep' });
    expect(Object.keys(repeat.simplify()).sort()).toEqual(['lc', 'rep']);
    expect(repeat.size).toBe(6);
    expect(repeat.blocks[0]).not.toBe(repeat.blocks[1]);
  });

  it('calls a factory per index so that blocks can choose independently', () => {
    const repeat = new Repeat((i) => new LayerChoice([conv(), new nn.Identity()], { label: `layer${i}` }), 2);
    expect(Object.keys(repeat.simplify())).toEqual(['layer0', 'layer1']);
    expect(repeat.size).toBe(4);
  });

  it('takes a ValueChoice depth and validates only the blocks in use', () => {
    const depth = new ValueChoice([1, 3], { label: 'd' });
    const repeat = new Repeat((i) => new LayerChoice([conv(), new nn.Identity()], { label: `b${i}` }), depth);
    expect(repeat.size).toBe(2 + 8);
    expect(repeat.contains({ d: 1, b0: 0 })).toBe(true);
    expect(repeat.contains({ d: 3, b0: 0 })).toBe(false);
    for (let seed = 0; seed < 20; seed++) {
      const sample = repeat.random(createRng(seed));
      expect(Object.keys(sample)).toHaveLength(1 + (sample['d'] as number));
    }
  });

  it('supports depth 0 (an empty Sequential, which passes its input through)', () => {
    const repeat = new Repeat(conv(), [0, 2], { label: 'z' });
    const frozen = repeat.freeze({ z: 0 });
    const traced = trace(frozen, [[null, 4, 8, 8]]);
    expect(traced.root.nodes).toHaveLength(0);
    expect(traced.outputShapes).toEqual([[null, 4, 8, 8]]);
  });

  it('records a chain of block cells when traced unfrozen', () => {
    const traced = trace(new Repeat(conv(), [1, 3], { label: 'chain' }), [[null, 4, 8, 8]]);
    const cell = traced.root.nodes[0]!;
    expect(cell.parameters).toMatchObject({ mutation: 'repeat', label: 'chain', depths: [1, 2, 3], minDepth: 1, maxDepth: 3 });
    expect(traced.graphs.get(cell.cellName!)!.nodes.map((n) => n.name)).toEqual(['block_0', 'block_1', 'block_2']);
  });

  it('refuses negative, empty or non-integer depths', () => {
    expect(() => new Repeat(conv(), -1)).toThrow(/integer ≥ 0/);
    expect(() => new Repeat(conv(), [3, 1])).toThrow(/min ≤ max/);
    expect(() => new Repeat(conv(), new Categorical([1.5, 2], { label: 'f' }))).toThrow(/integers/);
    expect(() => new Repeat([conv()], 2)).toThrow(/at least 2 blocks/);
  });
});
