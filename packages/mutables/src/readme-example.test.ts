// Runs the examples of packages/mutables/README.md, so that they keep working.
import { expect, it } from 'vitest';
import {
  Categorical, ExpressionConstraint, InputChoice, LayerChoice, ModelSpace, MutableDict, Numerical, Repeat, ValueChoice,
  NasBench201Space, applySample, createRng, flattenModel, fromSearchSpaceJson, modelCosts, nasBench201Sample, nn, toModel, trace, type Tensor,
} from './index.js';

it('runs the value-level example', () => {
  const width = new ValueChoice([16, 32, 64], { label: 'width' });
  const depth = new Categorical([2, 4, 8], { label: 'depth' });
  const space = new MutableDict({
    width,
    depth,
    hidden: width.mul(4),
    lr: new Numerical({ low: 1e-4, high: 1e-1, log: true, label: 'lr' }),
    budget: new ExpressionConstraint(width.mul(depth).le(256)),
  });
  expect(Object.keys(space.simplify())).toEqual(['width', 'depth', 'lr']);
  const sample = space.random(createRng(42));
  const value = space.freeze(sample) as { width: number; hidden: number };
  expect(value.hidden).toBe(value.width * 4);
  expect(() => space.validate({ width: 5 })).toThrow(/at "width": expected one of \[16, 32, 64\], received 5/);
  expect(fromSearchSpaceJson({ lr: { _type: 'loguniform', _value: [1e-5, 1e-1] } }).size).toBe(Infinity);
});

it('runs the model-space example', () => {
  class Net extends ModelSpace {
    static override labelPrefix = 'net';
    width = new ValueChoice([16, 32], { label: 'width' });
    stem = new nn.Conv2d(3, this.width, 3, { padding: 1 });
    blocks = new Repeat((i) => new LayerChoice([new nn.Conv2d(this.width, this.width, 3, { padding: 1 }), new nn.Identity()], { label: `op${i}` }), [1, 3], { label: 'depth' });
    skip = new InputChoice(2, 1, 'sum', { label: 'skip' });
    head = new nn.Sequential(new nn.AdaptiveAvgPool2d(1), new nn.Flatten(), new nn.Linear(this.width, 10));
    forward(x: Tensor) {
      const s = this.stem.call(x);
      return this.head.call(this.skip.call([s, this.blocks.call(s)]));
    }
  }
  const space = Net.create();
  expect(Object.keys(space.simplify()).slice(0, 3)).toEqual(['net/width', 'net/depth', 'net/op0']);
  const sample = space.random(createRng(1));
  const network = space.freeze(sample);
  expect(trace(network, [[null, 3, 32, 32]]).outputShapes).toEqual([[null, 10]]);
  const { model, mutators } = toModel(space, [[null, 3, 32, 32]]);
  expect(flattenModel(applySample(model, mutators, sample)).nodes.length).toBeGreaterThan(3);
});

it('runs the costs example', () => {
  const space = NasBench201Space.create();
  const costs = modelCosts(space, [[null, 3, 32, 32]]);
  expect(costs(nasBench201Sample('|nor_conv_3x3~0|+|none~0|skip_connect~1|+|none~0|none~1|avg_pool_3x3~2|'))).toEqual({ flops: 43_172_490, parameters: 316_346 });
});
