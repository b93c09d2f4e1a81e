import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { SampleValidationError } from '@archspace/ir';
import { NasBench201Space, nasBench201Sample } from '../hub/nasbench201-space.js';
import { haveNasBench201Table, readNasBench201Table } from '../test-support/nasbench201-table.js';
import { Label } from '../label.js';
import { ValueChoice } from '../value-choice.js';
import { LayerChoice } from './layer-choice.js';
import { modelCosts } from './model-costs.js';
import { ModelSpace } from './model-space.js';
import { nn } from './index.js';
import type { Tensor } from './tensor.js';

/** Stem conv (3 → w, 3×3, bias), an optional 1×1 conv (w → w, bias), pooling, a classifier (w → 10). */
class TinyNet extends ModelSpace {
  static override labelPrefix = 'tiny';
  width = new ValueChoice([4, 8], { label: Label.absolute('width') });
  stem = new nn.Conv2d(3, this.width, 3, { padding: 1 });
  // A label a plain record would mistake for its prototype.
  op = new LayerChoice([new nn.Conv2d(this.width, this.width, 1), new nn.Identity()], { label: Label.absolute('__proto__') });
  head = new nn.Sequential(new nn.AdaptiveAvgPool2d(1), new nn.Flatten(), new nn.Linear(this.width, 10));
  forward(x: Tensor): Tensor {
    return this.head.call(this.op.call(this.stem.call(x))) as Tensor;
  }
}

/** The counts by hand for width `w` on 8×8 inputs, with or without the 1×1 conv. */
function handCounts(w: number, conv: boolean): { flops: number; parameters: number } {
  const stem = { parameters: 3 * w * 9 + w, flops: w * 8 * 8 * (3 * 9 + 1) };
  const op = conv ? { parameters: w * w + w, flops: w * 8 * 8 * (w + 1) } : { parameters: 0, flops: 0 };
  const linear = { parameters: w * 10 + 10, flops: 10 * (w + 1) };
  return { flops: stem.flops + op.flops + linear.flops, parameters: stem.parameters + op.parameters + linear.parameters };
}

/** A sample of TinyNet; the `__proto__` key is an own key. */
function tinySample(width: number, op: number): Record<string, unknown> {
  const sample = Object.create(null) as Record<string, unknown>;
  sample['width'] = width;
  sample['__proto__'] = op;
  return sample;
}

describe('modelCosts', () => {
  const shapes = [[null, 3, 8, 8]] as const;

  it('counts FLOPs and parameters as by hand, for every network of a small space', () => {
    const costs = modelCosts(TinyNet.create(), shapes);
    for (const width of [4, 8]) {
      for (const op of [0, 1]) expect(costs(tinySample(width, op))).toEqual(handCounts(width, op === 0));
    }
    // 8 wide with the 1×1 conv: 224 + 72 + 90 = 386 parameters; 14,336 + 4,608 + 90 = 19,034 FLOPs.
    expect(costs(tinySample(8, 0))).toEqual({ flops: 19_034, parameters: 386 });
  });

  it('traces each network once: key order and extra keys do not matter', () => {
    const space = TinyNet.create();
    const freeze = vi.spyOn(space, 'freeze');
    const costs = modelCosts(space, shapes);
    const first = costs(tinySample(4, 1));
    const reordered = Object.create(null) as Record<string, unknown>;
    reordered['unrelated'] = 'x';
    reordered['__proto__'] = 1;
    reordered['width'] = 4;
    expect(costs(reordered)).toBe(first);
    expect(freeze).toHaveBeenCalledTimes(1);
    costs(tinySample(8, 1));
    expect(freeze).toHaveBeenCalledTimes(2);
  });

  it('forgets the oldest network beyond cacheSize, and remembers none with 0', () => {
    const space = TinyNet.create();
    const freeze = vi.spyOn(space, 'freeze');
    const costs = modelCosts(space, shapes, { cacheSize: 1 });
    costs(tinySample(4, 0));
    costs(tinySample(8, 0)); // forgets width 4
    costs(tinySample(8, 0));
    costs(tinySample(4, 0));
    expect(freeze).toHaveBeenCalledTimes(3);
    const uncached = modelCosts(space, shapes, { cacheSize: 0 });
    uncached(tinySample(4, 0));
    uncached(tinySample(4, 0));
    expect(freeze).toHaveBeenCalledTimes(5);
    expect(() => modelCosts(space, shapes, { cacheSize: -1 })).toThrow(/cacheSize must be an integer ≥ 0, got -1/);
  });

  it('throws the space’s validation error for a sample outside it, every time', () => {
    const costs = modelCosts(TinyNet.create(), shapes);
    expect(() => costs(tinySample(5, 0))).toThrow(SampleValidationError);
    expect(() => costs(tinySample(5, 0))).toThrow(/width/);
  });

  it('says when a size stays unknown (inputs with an unknown inner dimension)', () => {
    class Unsized extends ModelSpace {
      static override labelPrefix = 'unsized';
      linear = new nn.Linear(3, 4);
      forward(x: Tensor): Tensor {
        return this.linear.call(x) as Tensor;
      }
    }
    // Linear's FLOPs multiply the leading dimensions, so an unknown one leaves them unknown.
    expect(() => modelCosts(Unsized.create(), [[null, null, 3]])({})).toThrow(/leaves a size unknown/);
  });

  it('gives the same costs with or without the cache, whatever the order of samples (property)', () => {
    const space = TinyNet.create();
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(4, 8), fc.constantFrom(0, 1)), { maxLength: 12 }), fc.integer({ min: 0, max: 3 }), (samples, cacheSize) => {
        const cached = modelCosts(space, shapes, { cacheSize });
        for (const [width, op] of samples) expect(cached(tinySample(width, op))).toEqual(handCounts(width, op === 0));
      }),
      { numRuns: 50 },
    );
  });

  it('answers any record: the counts when the space holds it, its SampleValidationError otherwise (fuzz)', () => {
    const space = TinyNet.create();
    const costs = modelCosts(space, shapes, { cacheSize: 2 });
    const value = fc.oneof(fc.constantFrom(0, 1, 4, 8, -0, '4', Number.NaN), fc.anything());
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('width', '__proto__', 'constructor', 'x'), value), (entries) => {
        const sample = Object.assign(Object.create(null) as Record<string, unknown>, entries);
        if (space.contains(sample)) expect(costs(sample)).toEqual(handCounts(sample['width'] as number, sample['__proto__'] === 0));
        else expect(() => costs(sample)).toThrow(SampleValidationError);
      }),
      { numRuns: 300 },
    );
  });

  it.skipIf(!haveNasBench201Table)('agrees with flops_c10_M and params_c10_M of the NAS-Bench-201 table (millions, to its 6 decimals; skipped when ../shared/data is absent)', () => {
    const costs = modelCosts(NasBench201Space.create(), [[null, 3, 32, 32]]);
    for (const row of readNasBench201Table().filter((_, i) => i % 625 === 0)) {
      const { flops, parameters } = costs(nasBench201Sample(row.arch));
      expect(Math.abs(flops / 1e6 - row.flops)).toBeLessThan(1e-9);
      expect(Math.abs(parameters / 1e6 - row.params)).toBeLessThan(1e-9);
    }
  });
});
