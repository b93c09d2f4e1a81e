import { SearchSpaceError } from '@archspace/ir';
import { describe, expect, it } from 'vitest';
import { Categorical } from './categorical.js';
import { NestedChoice } from './nested-choice.js';

describe('NestedChoice', () => {
  it('refuses no options at its label', () => {
    let error: unknown;
    try {
      new NestedChoice({}, { label: 'empty' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SearchSpaceError);
    expect((error as SearchSpaceError).code).toBe('empty-choice');
    expect((error as SearchSpaceError).path).toEqual(['empty']);
    expect((error as SearchSpaceError).expected).toBe('at least one option');
  });

  it('describes its names and weights as its domain', () => {
    expect(new NestedChoice({ a: 1, b: 2 }, { weights: [0.25, 0.75], label: 'w' }).domain).toEqual({
      kind: 'categorical',
      values: ['a', 'b'],
      weights: [0.25, 0.75],
    });
    const plain = new NestedChoice({ a: 1, b: 2 }, { label: 'p' }).domain;
    expect(plain).toEqual({ kind: 'categorical', values: ['a', 'b'] });
    expect(Object.keys(plain)).toEqual(['kind', 'values']);
  });

  it('accepts option names only', () => {
    const n = new NestedChoice({ a: 1, b: 2 }, { label: 'n' });
    expect(n.problemWith('a')).toBeUndefined();
    expect(n.problemWith('z')).toBe("one of the options ['a', 'b']");
    expect(n.problemWith(1)).toBe("one of the options ['a', 'b']");
  });

  it('grids by decreasing weight, ties in option order', () => {
    expect(new NestedChoice({ a: 1, b: 2, c: 3 }, { weights: [0.2, 0.5, 0.3], label: 'g1' }).gridValues()).toEqual(['b', 'c', 'a']);
    expect(new NestedChoice({ a: 1, b: 2, c: 3 }, { weights: [0.25, 0.5, 0.25], label: 'g2' }).gridValues()).toEqual(['b', 'a', 'c']);
    expect(new NestedChoice({ a: 1, b: 2, c: 3 }, { weights: [0.5, 0.25, 0.25], label: 'g3' }).gridValues()).toEqual(['a', 'b', 'c']);
    expect(new NestedChoice({ a: 1, b: 2, c: 3 }, { weights: [0.1, 0.1, 0.8], label: 'g4' }).gridValues()).toEqual(['c', 'a', 'b']);
  });

  it('has no active children for an unknown name, and the chosen option for a known one', () => {
    const inner = new Categorical([1, 2], { label: 'inner' });
    const n = new NestedChoice({ a: inner, b: 2 }, { label: 'n' });
    expect(n.activeChildren('zzz')).toEqual([]);
    expect(n.activeChildren('b')).toEqual([]);
    expect(n.activeChildren('a')).toEqual([inner]);
  });

  it('is the same decision as an equal choice only', () => {
    const n = new NestedChoice({ a: 1, b: 2 }, { label: 'n' });
    expect(n.sameDecision(new NestedChoice({ a: 1, b: 2 }, { label: 'n' }))).toBe(true);
    expect(n.sameDecision(new NestedChoice({ a: 1, b: 3 }, { label: 'n' }))).toBe(false);
  });

  it('equals a choice with the same label, names, options and weights only', () => {
    const n = new NestedChoice({ a: 1, b: 2 }, { weights: [0.5, 0.5], label: 'n' });
    expect(n.equals(new NestedChoice({ a: 1, b: 2 }, { weights: [0.5, 0.5], label: 'n' }))).toBe(true);
    expect(n.equals(new NestedChoice({ a: 1, b: 2 }, { weights: [0.5, 0.5], label: 'm' }))).toBe(false);
    expect(n.equals(new NestedChoice({ a: 1 }, { label: 'n' }))).toBe(false);
    expect(n.equals(new NestedChoice({ a: 1, b: 2, c: 3 }, { weights: [0.5, 0.25, 0.25], label: 'n' }))).toBe(false);
    expect(n.equals(new NestedChoice({ a: 1, c: 2 }, { weights: [0.5, 0.5], label: 'n' }))).toBe(false);
    expect(n.equals(new NestedChoice({ a: 1, b: 3 }, { weights: [0.5, 0.5], label: 'n' }))).toBe(false);
    expect(n.equals(new NestedChoice({ a: 1, b: 2 }, { weights: [0.25, 0.75], label: 'n' }))).toBe(false);
    expect(n.equals({ label: 'n', names: ['a', 'b'], options: [1, 2], weights: [0.5, 0.5] })).toBe(false);
    const plain = new NestedChoice({ a: 1, b: 2 }, { label: 'p' });
    expect(plain.equals(new NestedChoice({ a: 1 }, { label: 'p' }))).toBe(false);
  });

  it('describes each option by name', () => {
    expect(new NestedChoice({ a: 1, b: 2 }, { label: 'd' }).describe()).toBe("NestedChoice({'a': 1, 'b': 2}, label='d')");
  });
});
