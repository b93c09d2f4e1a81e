import { describe, expect, it } from 'vitest';
import { SampleValidationError } from '@archspace/ir';
import { Categorical } from './categorical.js';
import { MutableExpression, OPERATORS } from './expression.js';
import { Numerical } from './numerical.js';
import { ValueChoice } from './value-choice.js';

const choice = <T>(values: T[], label: string) => new Categorical(values, { label });

describe('lazy expressions', () => {
  it('enumerates all options in the reference order, last label fastest', () => {
    const a = choice([1, 2], 'a');
    const b = choice([3, 4], 'b');
    const c = choice([5, 6], 'c');
    expect(a.add(b).add(c.mul(3)).allOptions()).toEqual([19, 22, 20, 23, 20, 23, 21, 24]);
  });

  it('lists leaves depth first with repeats, and dedups labels in the grid', () => {
    const x = choice([1, 2], 'x');
    const y = choice([3, 4], 'y');
    const e = x.mul(x).add(y.mul(2));
    expect(e.leaves().map((l) => l.label)).toEqual(['x', 'x', 'y']);
    expect(Object.keys(e.simplify())).toEqual(['x', 'y']);
    expect(e.allOptions()).toEqual([7, 9, 10, 12]);
  });

  it('evaluates from a record or from positional values in leaf order', () => {
    const a = choice([1, 2], 'a');
    const e = a.mul(2).add(1);
    expect(e.evaluate({ a: 2 })).toBe(5);
    expect(e.evaluate([1])).toBe(3);
    expect(() => e.evaluate([3])).toThrow(SampleValidationError);
    expect(() => e.evaluate([])).toThrow(/1 values/);
    const x = choice([1, 2], 'x');
    expect(() => x.mul(x).evaluate([1, 2])).toThrow(/same value at every occurrence/);
  });

  it('renders with labels and with full descriptions, parenthesising sub-expressions', () => {
    const a = choice([1, 2], 'a');
    const e = a.mul(2).add(1);
    expect(String(e)).toBe('(a * 2) + 1');
    expect(e.describe()).toBe("(Categorical([1, 2], label='a') * 2) + 1");
  });

  it('follows Python semantics for division, modulo, rounding and strings', () => {
    const n = choice([-7, 7], 'n');
    expect(n.floorDiv(2).allOptions()).toEqual([-4, 3]);
    expect(n.mod(3).allOptions()).toEqual([2, 1]);
    expect(choice([2.5, 3.5], 'r').round().allOptions()).toEqual([2, 4]);
    expect(choice(['ab', 'c'], 's').mul(2).allOptions()).toEqual(['abab', 'cc']);
    // Building is lazy: the type error surfaces only when the expression is evaluated.
    const mixed = choice(['cat', 'dog'], 's2').add(choice([1, 3], 'i'));
    expect(() => mixed.allOptions()).toThrow(/unsupported operand type\(s\) for \+: 'str' and 'int'/);
  });

  it('compares lazily and combines with max/min/condition/toInt/toFloat', () => {
    const a = choice([1, 5], 'a');
    const b = choice([3], 'b');
    expect(a.lt(b).allOptions()).toEqual([true, false]);
    expect((ValueChoice.max(a, b) as MutableExpression).allOptions()).toEqual([3, 5]);
    expect((ValueChoice.min([a, b]) as MutableExpression).allOptions()).toEqual([1, 3]);
    expect(ValueChoice.max(1, 3, 2)).toBe(3);
    expect(ValueChoice.max([1, 3, 2])).toBe(3);
    expect(() => ValueChoice.max(1)).toThrow(/more than one/);
    expect((ValueChoice.condition(a.gt(2), 'big', 'small') as MutableExpression).allOptions()).toEqual(['small', 'big']);
    expect((ValueChoice.toInt(choice([2.5, -2.5], 'f')) as MutableExpression).allOptions()).toEqual([2, -2]);
    expect(ValueChoice.toFloat('1.5')).toBe(1.5);
  });

  it('evaluates only the branch a condition takes, so a guarded division by zero is safe', () => {
    const x = choice([0, 2], 'x');
    const y = choice([4], 'y');
    const safe = ValueChoice.condition(x.ne(0), y.div(x), 0) as MutableExpression;
    expect(safe.allOptions()).toEqual([0, 2]);
    expect(() => y.div(x).allOptions()).toThrow(/division by zero/);
  });

  it('stores condition arguments as [ifTrue, predicate, ifFalse] for positional evaluation', () => {
    const t = choice([10, 20], 't');
    const p = choice([true, false], 'p');
    const f = choice([30, 40], 'f');
    const e = ValueChoice.condition(p, t, f) as MutableExpression;
    expect(e.leaves().map((l) => l.label)).toEqual(['t', 'p', 'f']);
    expect(e.evaluate([20, false, 40])).toBe(40);
  });

  it('indexes tuple and dict candidates', () => {
    const v = choice([[1, { b: [7, 8] }], [2, { b: [9, 10] }]], 'v');
    expect(v.getItem(0).allOptions()).toEqual([1, 2]);
    expect(v.getItem(1).getItem('b').getItem(0).allOptions()).toEqual([7, 9]);
  });

  it('mixes numericals into expressions and validates their values on freeze', () => {
    const lr = new Numerical({ low: 0.1, high: 1, label: 'lr' });
    const e = lr.mul(10).round();
    expect(e.freeze({ lr: 0.25 })).toBe(2);
    expect(() => e.freeze({ lr: 5 })).toThrow(SampleValidationError);
  });

  it('compares structurally', () => {
    const a = choice([1, 2], 'eq');
    expect(a.add(1).equals(a.add(1))).toBe(true);
    expect(a.add(1).equals(a.add(2))).toBe(false);
    expect(new MutableExpression(OPERATORS.sub, [3, a]).allOptions()).toEqual([2, 1]);
  });
});
