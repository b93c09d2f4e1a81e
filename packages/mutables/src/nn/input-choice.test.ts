import { describe, expect, it } from 'vitest';
import { ChosenInputs } from './chosen-inputs.js';
import { InputChoice } from './input-choice.js';
import { Module } from './module.js';
import type { Tensor } from './tensor.js';
import { trace } from './trace.js';

class Pick extends Module {
  constructor(readonly chooser: Module) {
    super();
  }
  forward(a: Tensor, b: Tensor) {
    return this.chooser.call([a, b]);
  }
}

const shapes = [
  [null, 3, 8, 8],
  [null, 3, 8, 8],
] as const;

describe('InputChoice and ChosenInputs', () => {
  it('uses lists of indices as sample values and freezes to ChosenInputs', () => {
    const choice = new InputChoice(3, 1, 'sum', { label: 'in' });
    expect(choice.contains({ in: [2] })).toBe(true);
    expect(choice.contains({ in: 2 })).toBe(false);
    expect(choice.size).toBe(3);
    const frozen = choice.freeze({ in: [2] });
    expect(frozen).toBeInstanceOf(ChosenInputs);
    expect((frozen as ChosenInputs).params).toEqual({ chosen: [2], reduction: 'sum' });
    expect(new InputChoice(3, null, 'sum', { label: 'any' }).size).toBe(8);
  });

  it('reduces two 3-channel inputs as the reference: none → 2 tensors, concat → 6 channels, sum/mean → 3', () => {
    const out = (reduction: 'none' | 'concat' | 'sum' | 'mean') => trace(new Pick(new ChosenInputs([0, 1], reduction)), [...shapes]).outputShapes;
    expect(out('none')).toEqual([
      [null, 3, 8, 8],
      [null, 3, 8, 8],
    ]);
    expect(out('concat')).toEqual([[null, 6, 8, 8]]);
    expect(out('sum')).toEqual([[null, 3, 8, 8]]);
    expect(out('mean')).toEqual([[null, 3, 8, 8]]);
  });

  it('records one node reading every candidate, unfrozen and frozen alike', () => {
    const space = new Pick(new InputChoice(2, 1, 'sum', { label: 'p' }));
    const unfrozen = trace(space, [...shapes]).root.nodes;
    expect(unfrozen.map((n) => [n.type, n.inputs.length])).toEqual([['InputChoice', 2]]);
    const frozen = trace(space.freeze({ p: [1] }), [...shapes]).root.nodes;
    expect(frozen.map((n) => [n.type, n.inputs.length, n.parameters])).toEqual([['ChosenInputs', 2, { chosen: [1], reduction: 'sum' }]]);
  });

  it('refuses a wrong number of candidates and an unknown reduction', () => {
    expect(() => trace(new Pick(new InputChoice(3, 1, 'sum', { label: 'w' })), [...shapes])).toThrow(/3 candidate tensors/);
    expect(() => new InputChoice(2, 1, 'max' as 'sum', { label: 'r' })).toThrow(/sum, mean, concat, none/);
  });
});
