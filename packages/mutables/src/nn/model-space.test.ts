import { describe, expect, it } from 'vitest';
import { SearchSpaceError } from '@archspace/ir';
import { ValueChoice } from '../value-choice.js';
import { nn } from './index.js';
import { ModelSpace } from './model-space.js';
import { modelParameterChoice } from './model-parameter-choice.js';
import type { Module } from './module.js';
import type { Tensor } from './tensor.js';
import { trace } from './trace.js';

class Net extends ModelSpace {
  static override labelPrefix = 'net';
  conv = new nn.Conv2d(3, new ValueChoice([8, 16]), 3, { padding: 1 });
  named = new nn.Conv2d(3, new ValueChoice([8, 16], { label: 'width' }), 1);
  forward(x: Tensor) {
    return [this.conv.call(x), this.named.call(x)];
  }
}

class Deep extends ModelSpace {
  static override labelPrefix = 'deep';
  readonly blocks: Module[] = [];
  constructor() {
    super();
    const depth = modelParameterChoice([1, 2, 3], { label: 'depth' });
    for (let i = 0; i < depth; i++) this.blocks.push(new nn.Conv2d(4, 4, 3, { padding: 1 }));
  }
  forward(x: Tensor) {
    return this.blocks.reduce((out, block) => block.call(out) as Tensor, x);
  }
}

describe('ModelSpace', () => {
  it('builds in its label scope, the same labels every time', () => {
    expect(Object.keys(Net.create().simplify())).toEqual(['net/1', 'net/width']);
    expect(Object.keys(Net.create().simplify())).toEqual(['net/1', 'net/width']);
  });

  it('rebuilds the space for a sample when model parameter choices shape it', () => {
    const space = Deep.create();
    expect(space.blocks).toHaveLength(1);
    expect(Object.keys(space.simplify())).toEqual(['deep/depth']);
    expect(space.size).toBe(3);
    const frozen = space.freeze({ 'deep/depth': 3 }) as Deep;
    expect(frozen.blocks).toHaveLength(3);
    expect(trace(frozen, [[null, 4, 8, 8]]).root.nodes).toHaveLength(3);
  });

  it('refuses a model parameter choice outside ModelSpace.create()', () => {
    expect(() => modelParameterChoice([1, 2])).toThrow(SearchSpaceError);
  });
});
