import { describe, expect, it } from 'vitest';
import { AutoActivation } from './auto-activation.js';
import { trace } from './trace.js';

describe('AutoActivation', () => {
  it('has 2·unitNum + 1 choices with the reference labels', () => {
    expect(Object.keys(new AutoActivation(1, { label: 'a' }).simplify())).toEqual(['a/unary_0', 'a/unary_1', 'a/binary_0']);
    expect(Object.keys(new AutoActivation(2, { label: 'b' }).simplify())).toHaveLength(5);
  });

  it('has 24 · 24 · 10 = 5,760 activations for one unit', () => {
    expect(new AutoActivation(1, { label: 'c' }).size).toBe(5760);
  });

  it('freezes to unary and binary ops that keep the shape; β ops count one parameter', () => {
    const act = new AutoActivation(1, { label: 'd' });
    // Unary 1 = Add (β), binary 8 = ParamAdd (β).
    const frozen = act.freeze({ 'd/unary_0': 0, 'd/unary_1': 1, 'd/binary_0': 8 });
    const traced = trace(frozen, [[null, 4, 2, 2]]);
    expect(traced.root.nodes.map((n) => n.type)).toEqual(['UnaryAbs', 'UnaryAdd', 'BinaryParamAdd']);
    expect(traced.outputShapes).toEqual([[null, 4, 2, 2]]);
    expect(traced.parameterCount()).toBe(2);
  });
});
