import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadModel, type ModelIr, SearchSpaceError } from '@archspace/ir';
import { Categorical } from '../categorical.js';
import type { SymbolicMutable } from '../expression.js';
import { flattenModel } from '../lowering/flatten-model.js';
import { applySample, toModel } from '../lowering/to-model.js';
import { Numerical } from '../numerical.js';
import { RandomInteger } from '../random-integer.js';
import { createRng } from '../rng.js';
import { ValueChoice } from '../value-choice.js';
import { nn } from './index.js';
import { LayerChoice } from './layer-choice.js';
import { Module } from './module.js';
import { Repeat } from './repeat.js';
import type { Shape, Tensor } from './tensor.js';
import { trace } from './trace.js';

const C = 4;
const SHAPES: Shape[] = [[null, C, 6, 6]];
const conv = () => new nn.Conv2d(C, C, 3, { padding: 1 });
const choiceBlock = (i: number) => new LayerChoice([conv(), new nn.Identity()], { label: `b${i}` });

/** A space with one Repeat between two convolutions, optionally sharing a depth leaf with a width. */
class Net extends Module {
  readonly stem: Module;
  readonly repeat: Repeat;
  constructor(depth: SymbolicMutable, width?: SymbolicMutable) {
    super();
    this.stem = width ? new nn.Sequential(new nn.Conv2d(C, width, 1), new nn.Conv2d(width, C, 1)) : conv();
    this.repeat = new Repeat(choiceBlock, depth);
  }
  forward(x: Tensor) {
    return this.repeat.call(this.stem.call(x));
  }
}

function architecture(model: Parameters<typeof flattenModel>[0]) {
  return flattenModel(model).nodes.map(({ type, parameters, inputs }) => ({ type, parameters, inputs }));
}

describe('Repeat with an expression as its depth', () => {
  it('takes the depth from the expression: Categorical([0, 2, 4]) + 1 repeats 1, 3 or 5 times', () => {
    const x = new Categorical([0, 2, 4], { label: 'x' });
    const repeat = new Repeat(choiceBlock, x.add(1));
    expect(repeat.depths).toEqual([1, 3, 5]);
    expect([repeat.minDepth, repeat.maxDepth, repeat.label]).toEqual([1, 5, '']);
    expect(Object.keys(repeat.simplify())).toEqual(['x', 'b0', 'b1', 'b2', 'b3', 'b4']);
    expect(repeat.simplify()['x']!.describe()).toBe(x.describe());
    // Only the blocks in use are decided: 2 + 2^3 + 2^5 samples.
    expect(repeat.size).toBe(2 + 8 + 32);
    expect([...repeat.grid()]).toHaveLength(42);
    expect(repeat.default()).toEqual({ x: 0, b0: 0 });
    const frozen = repeat.freeze({ x: 2, b0: 0, b1: 1, b2: 0 }) as InstanceType<typeof nn.Sequential>;
    expect(frozen.modules.map((m) => m.constructor.name)).toEqual(['Conv2d', 'Identity', 'Conv2d']);
    expect(repeat.contains({ x: 2, b0: 0, b1: 1 })).toBe(false);
    expect(repeat.contains({ x: 0, b0: 1 })).toBe(true);
    expect(repeat.contains({ x: 1, b0: 1 })).toBe(false);
  });

  it('samples hold the leaves and exactly the blocks the depth activates', () => {
    const depth = new Categorical([1, 2], { label: 'p' }).mul(new Categorical([1, 3], { label: 'q' }));
    const repeat = new Repeat(choiceBlock, depth);
    expect(repeat.depths).toEqual([1, 2, 3, 6]);
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const sample = repeat.random(createRng(seed));
        const d = (sample['p'] as number) * (sample['q'] as number);
        expect(Object.keys(sample).sort()).toEqual(['p', 'q', ...Array.from({ length: d }, (_, i) => `b${i}`)].sort());
        expect((repeat.freeze(sample) as InstanceType<typeof nn.Sequential>).length).toBe(d);
      }),
    );
    expect(repeat.size).toBe(2 + 4 + 8 + 64);
  });

  it('gives the same architecture through freeze and through the IR at every grid point', () => {
    const depths: Record<string, (x: ValueChoice<number>) => SymbolicMutable> = {
      'x + 1': (x) => x.add(1),
      'max(x, y)': (x) => ValueChoice.max(x, new ValueChoice([2, 0], { label: 'y' })) as SymbolicMutable,
      'a RandomInteger': () => new RandomInteger(1, 4, { label: 'r' }),
    };
    for (const [name, makeDepth] of Object.entries(depths)) {
      for (const shareWidth of [false, true]) {
        const x = new ValueChoice([1, 2, 3], { label: 'x' });
        const space = new Net(makeDepth(x), shareWidth ? x.mul(4) : undefined);
        const { model, mutators } = toModel(space, SHAPES);
        let points = 0;
        for (const sample of space.grid()) {
          const frozenThenTraced = loadModel(trace(space.freeze(sample), SHAPES).toJSON() as unknown as ModelIr);
          expect({ name, shareWidth, sample, architecture: architecture(applySample(model, mutators, sample).lint()) }).toEqual({
            name,
            shareWidth,
            sample,
            architecture: architecture(frozenThenTraced),
          });
          points++;
        }
        // `size` counts the branches of a shared label once (see space-size.ts), so only the unshared space is compared.
        if (!shareWidth) expect(points).toBe(space.size);
        expect(points).toBeGreaterThan(3);
      }
    }
  });

  it('refuses expressions whose values are not depths, or whose leaves are not finite choices', () => {
    const x = new Categorical([0, 2, 4], { label: 'x' });
    expect(() => new Repeat(conv(), x.div(4))).toThrow(/integer ≥ 0/);
    expect(() => new Repeat(conv(), x.sub(3))).toThrow(/integer ≥ 0/);
    expect(() => new Repeat(conv(), new Numerical({ low: 1, high: 3, quantize: 1, label: 'n' }).toInt())).toThrow(/finitely many values/);
    expect(() => new Repeat(conv(), x.mul(0))).toThrow(SearchSpaceError);
  });

  it('reads a leaf labelled "__proto__" or "constructor" like any other label when it picks the blocks in use', () => {
    for (const label of ['__proto__', 'constructor']) {
      const net = new Net(new Categorical([1, 2], { label }).add(1));
      const rng = createRng(3);
      for (let i = 0; i < 8; i++) {
        const sample = net.random(rng);
        expect(Object.hasOwn(sample, label)).toBe(true);
        const depth = (sample[label] as number) + 1;
        expect(Object.keys(sample).filter((k) => k.startsWith('b')).sort()).toEqual(['b0', 'b1', 'b2'].slice(0, depth));
      }
    }
  });
});
