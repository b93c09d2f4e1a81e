import { describe, expect, it } from 'vitest';
import { dumpModel, loadModel, type ModelIr } from '@archspace/ir';
import { createRng } from '../rng.js';
import { ValueChoice } from '../value-choice.js';
import { NasBench201Space } from '../hub/nasbench201-space.js';
import { InputChoice } from '../nn/input-choice.js';
import { LayerChoice } from '../nn/layer-choice.js';
import { Module } from '../nn/module.js';
import { nn } from '../nn/index.js';
import { Repeat } from '../nn/repeat.js';
import type { Shape, Tensor } from '../nn/tensor.js';
import { trace } from '../nn/trace.js';
import { flattenModel } from './flatten-model.js';
import { applySample, toModel } from './to-model.js';

function frozenFlat(space: Module, sample: Record<string, unknown>, shapes: Shape[]) {
  return flattenModel(loadModel(trace(space.freeze(sample), shapes).toJSON() as unknown as ModelIr));
}
function strip(flat: ReturnType<typeof flattenModel>) {
  return { nodes: flat.nodes.map(({ type, parameters, inputs }) => ({ type, parameters, inputs })), outputs: flat.outputs };
}

class Small extends Module {
  width = new ValueChoice([4, 8], { label: 'width' });
  stem = new nn.Conv2d(3, this.width, 3, { padding: 1 });
  body = new LayerChoice([new nn.Conv2d(this.width, this.width, 3, { padding: 1 }), new nn.Identity()], { label: 'body' });
  deep = new Repeat((i) => new LayerChoice([new nn.ReLU(), new nn.Sigmoid()], { label: `act${i}` }), [0, 2], { label: 'depth' });
  skip = new InputChoice(2, 1, 'sum', { label: 'skip' });
  forward(x: Tensor) {
    const a = this.stem.call(x) as Tensor;
    const b = this.deep.call(this.body.call(a)) as Tensor;
    return this.skip.call([a, b]);
  }
}

describe('toModel and applySample', () => {
  it('makes one mutator per decision and a resolve mutator', () => {
    const { mutators } = toModel(new Small(), [[null, 3, 8, 8]]);
    expect(mutators.map((m) => m.label)).toEqual(['width', 'body', 'depth', 'act0', 'act1', 'skip', 'archspace/resolve']);
  });

  it('gives the architecture freeze() gives, for every grid point', () => {
    const space = new Small();
    const { model, mutators } = toModel(space, [[null, 3, 8, 8]]);
    let count = 0;
    for (const sample of space.grid()) {
      const viaIr = applySample(model, mutators, sample);
      viaIr.lint();
      expect(strip(flattenModel(viaIr))).toEqual(strip(frozenFlat(space, sample, [[null, 3, 8, 8]])));
      expect(viaIr.history.map((h) => h.mutator)).toContain('archspace/resolve');
      count++;
    }
    expect(count).toBe(space.size);
  });

  it('never changes the base model', () => {
    const space = new Small();
    const { model, mutators } = toModel(space, [[null, 3, 8, 8]]);
    const before = JSON.stringify(dumpModel(model));
    applySample(model, mutators, space.random(createRng(3)));
    expect(JSON.stringify(dumpModel(model))).toBe(before);
  });

  it('refuses an invalid sample with the space’s own error', () => {
    const space = new Small();
    const { model, mutators } = toModel(space, [[null, 3, 8, 8]]);
    expect(() => applySample(model, mutators, { width: 5 })).toThrow(/expected one of \[4, 8\]/);
  });

  it('lowers the NAS-Bench-201 space and agrees with freeze on random samples', () => {
    const space = NasBench201Space.create({ cellsPerStage: 1 });
    const shapes: Shape[] = [[null, 3, 32, 32]];
    const { model, mutators } = toModel(space, shapes);
    for (let seed = 0; seed < 5; seed++) {
      const sample = space.random(createRng(seed));
      expect(strip(flattenModel(applySample(model, mutators, sample)))).toEqual(strip(frozenFlat(space, sample, shapes)));
    }
  });
});
