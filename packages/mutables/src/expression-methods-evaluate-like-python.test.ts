import { SampleValidationError } from '@archspace/ir';
import { describe, expect, it } from 'vitest';
import { Categorical } from './categorical.js';
import { MutableExpression, OPERATORS, lazyCondition, lazyMin, lazyToFloat } from './expression.js';

const x = new Categorical([-2.5, -1, 0, 1, 2, 2.25, 3.5], { label: 'x' });

describe('expression methods build the Python operation they name', () => {
  it.each([
    ['neg', x.neg(), 2, -2],
    ['abs', x.abs(), -2.5, 2.5],
    ['round()', x.round(), 3.5, 4],
    ['round(1)', x.round(1), 2.25, 2.2],
    ['floor', x.floor(), -2.5, -3],
    ['ceil', x.ceil(), -2.5, -2],
    ['lt', x.lt(1), 1, false],
    ['le', x.le(1), 1, true],
    ['le', x.le(0), 1, false],
    ['gt', x.gt(1), 1, false],
    ['gt', x.gt(0), 1, true],
    ['ge', x.ge(1), 1, true],
    ['ge', x.ge(2), 1, false],
    ['ne', x.ne(1), 1, false],
    ['not', x.not(), 0, true],
    ['not', x.not(), 1, false],
    ['eq', x.eq(1), 1, true],
    ['eq', x.eq(2), 1, false],
    ['and', x.and(3.5), 0, 0],
    ['and', x.and(3.5), 2, 3.5],
    ['or', x.or(3.5), 0, 3.5],
    ['or', x.or(3.5), 2, 2],
    ['toFloat', x.toFloat(), -1, -1],
    ['toInt', x.toInt(), -2.5, -2],
    ['float', lazyToFloat(x) as MutableExpression, 2, 2],
  ] as const)('%s', (_name, expression, value, expected) => {
    expect(expression.evaluate({ x: value })).toBe(expected);
  });

  it('writes round with and without digits', () => {
    expect(x.round().toString()).toBe('round(x)');
    expect(x.round(1).toString()).toBe('round(x, 1)');
  });
});

describe('comparison operators', () => {
  it.each([
    [1, 2, true, true, false, false],
    [1, 1, false, true, false, true],
    [2, 1, false, false, true, true],
  ])('%o vs %o: < <= > >=', (a, b, lt, le, gt, ge) => {
    expect(OPERATORS.lt.apply([a, b])).toBe(lt);
    expect(OPERATORS.le.apply([a, b])).toBe(le);
    expect(OPERATORS.gt.apply([a, b])).toBe(gt);
    expect(OPERATORS.ge.apply([a, b])).toBe(ge);
  });
});

describe('max and min', () => {
  it('keep the first of equal values, as Python does', () => {
    expect(OPERATORS.max.apply([1, true])).toBe(1);
    expect(OPERATORS.max.apply([true, 1])).toBe(true);
    expect(OPERATORS.min.apply([1, true])).toBe(1);
    expect(OPERATORS.min.apply([true, 1])).toBe(true);
    expect(OPERATORS.max.apply([1, 3, 2])).toBe(3);
    expect(OPERATORS.min.apply([2, 1, 3])).toBe(1);
  });

  it('name their own comparison when the values do not compare', () => {
    expect(() => OPERATORS.max.apply([1, 'a'])).toThrow(new TypeError("'>' not supported between instances of 'str' and 'int'"));
    expect(() => OPERATORS.min.apply([1, 'a'])).toThrow(new TypeError("'<' not supported between instances of 'str' and 'int'"));
  });

  it('refuses no arguments', () => {
    expect(() => OPERATORS.max.apply([])).toThrow(new TypeError('max() expected at least one argument'));
  });

  it('computes right away on plain values', () => {
    expect(lazyMin(3, 1, 2)).toBe(1);
    expect(lazyMin([3, 1, 2])).toBe(1);
    expect(lazyMin(x, 1)).toBeInstanceOf(MutableExpression);
    expect(lazyCondition(true, 1, 2)).toBe(1);
    expect(lazyCondition([], 1, 2)).toBe(2);
    expect(lazyCondition(x, 1, 2)).toBeInstanceOf(MutableExpression);
  });
});

describe('evaluating with a list of leaf values', () => {
  it('names the leaves when the count is wrong', () => {
    const e = x.add(1);
    let error: unknown;
    try {
      e.evaluate([1, 2]);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SampleValidationError);
    expect((error as SampleValidationError).code).toBe('wrong-value-count');
    expect((error as SampleValidationError).expected).toBe('1 values, one per leaf (x)');
  });

  it('refuses two values for one label, at that label', () => {
    let error: unknown;
    try {
      x.add(x).evaluate([1, 2]);
    } catch (caught) {
      error = caught;
    }
    expect((error as SampleValidationError).code).toBe('inconsistent-label');
    expect((error as SampleValidationError).path).toEqual(['x']);
  });
});

describe('expression equality', () => {
  it('needs the same operator and the same arguments', () => {
    expect(x.add(1).equals(x.add(1))).toBe(true);
    expect(x.add(1).equals(x.sub(1))).toBe(false);
    expect(x.round().equals(x.round(1))).toBe(false);
    expect(x.round(1).equals(x.round())).toBe(false);
    expect(x.add(1).equals({ operator: OPERATORS.add, args: [x, 1] })).toBe(false);
  });
});
