import { SearchSpaceError } from '@archspace/ir';
import { describe, expect, it } from 'vitest';
import { searchSpaceRefusal } from './test-support/search-space-refusal.js';
import { Categorical } from './categorical.js';
import { MutableDict } from './mutable-dict.js';
import { MutableList } from './mutable-list.js';
import { NestedChoice } from './nested-choice.js';
import { Numerical } from './numerical.js';
import { fromSearchSpaceJson, toSearchSpaceJson } from './search-space-json.js';

const errorOf = searchSpaceRefusal;

const readError = (json: unknown): SearchSpaceError => errorOf(() => fromSearchSpaceJson(json));

describe('reading search-space JSON: refusals name the path and the rule', () => {
  it('refuses a document that is not a dict at the empty path', () => {
    const error = readError(5);
    expect(error.path).toEqual([]);
    expect(error.received).toBe(5);
  });

  it('keeps what it received, and only when there is something', () => {
    const error = readError({ a: { _type: 'uniform', _value: [0, 'x'] } });
    expect(error.code).toBe('invalid-search-space');
    expect(error.path).toEqual(['a', '_value', 1]);
    expect(error.received).toBe('x');
    expect(Object.hasOwn(error.details, 'received')).toBe(true);
    const cycle: unknown[] = [];
    cycle.push(cycle);
    const loop = readError({ c: { _type: 'choice', _value: [cycle] } });
    expect(loop.expected).toBe('a JSON value that does not contain itself');
    expect(Object.hasOwn(loop.details, 'received')).toBe(false);
  });

  it('names nested option values outermost first', () => {
    const error = readError({ c: { _type: 'choice', _value: [1, { a: [1, { b: NaN }] }] } });
    expect(error.path).toEqual(['c', '_value', 1, 'a', 1, 'b']);
    expect(error.expected).toBe('a finite number');
  });

  it.each([[() => 1], [1n], [Symbol('s')], [undefined]])('refuses %o as an option', (value) => {
    const error = readError({ c: { _type: 'choice', _value: [1, [value]] } });
    expect(error.path).toEqual(['c', '_value', 1, 0]);
    expect(error.expected).toBe('a JSON value (number, string, boolean, null, list or dict)');
  });

  it('names nested options by strings or finite numbers only', () => {
    const space = fromSearchSpaceJson({ c: { _type: 'choice', _value: [{ _name: 1 }, { _name: 'two' }] } });
    expect(space.get('c')).toBeInstanceOf(NestedChoice);
    expect((space.get('c') as NestedChoice).names).toEqual(['1', 'two']);
    for (const name of [true, NaN, Infinity, null]) {
      const error = readError({ c: { _type: 'choice', _value: [{ _name: 'a' }, { _name: name }] } });
      expect(error.path).toEqual(['c', '_value', 1, '_name']);
      expect(error.expected).toBe('a string (or number) naming the option');
    }
  });

  it.each([
    ['randint', [1], 'exactly 2 numbers [lower, upper] for "randint"'],
    ['uniform', [1], 'exactly 2 numbers [low, high] for "uniform"'],
    ['quniform', [1, 2], 'exactly 3 numbers [low, high, q] for "quniform"'],
    ['normal', [1, 2, 3], 'exactly 2 numbers [mu, sigma] for "normal"'],
    ['qlognormal', [1], 'exactly 3 numbers [mu, sigma, q] for "qlognormal"'],
  ])('tells %s %o how many numbers it takes', (type, value, expected) => {
    const error = readError({ p: { _type: type, _value: value } });
    expect(error.path).toEqual(['p', '_value']);
    expect(error.expected).toBe(expected);
  });

  it('refuses sigma = 0 and low = high as search-space errors at the number', () => {
    const sigma = readError({ p: { _type: 'normal', _value: [0, 0] } });
    expect(sigma.code).toBe('invalid-search-space');
    expect(sigma.path).toEqual(['p', '_value', 1]);
    const range = readError({ p: { _type: 'uniform', _value: [1, 1] } });
    expect(range.code).toBe('invalid-search-space');
    expect(range.path).toEqual(['p', '_value']);
    expect(range.expected).toBe('low < high for "uniform"');
  });
});

describe('writing search-space JSON: what it cannot express', () => {
  const writeError = (space: unknown): SearchSpaceError => errorOf(() => toSearchSpaceJson(space as MutableDict));

  it('refuses a space that is not a MutableDict', () => {
    const error = writeError({ a: 1 });
    expect(error.code).toBe('not-expressible-as-json');
    expect(error.path).toEqual([]);
    expect(error.message).toContain('A space that is not a MutableDict cannot be written as search-space JSON');
  });

  it('refuses constants and other mutables at their name', () => {
    const constant = writeError(new MutableDict([['c', 5]]));
    expect(constant.path).toEqual(['c']);
    expect(constant.message).toContain('The constant 5 cannot be written as search-space JSON');
    const list = writeError(new MutableDict([['l', new MutableList([new Categorical([1, 2], { label: 'x' })])]]));
    expect(list.path).toEqual(['l']);
    expect(list.message).toContain('MutableList cannot be written as search-space JSON');
  });

  it('refuses weighted choices', () => {
    const weighted = writeError(new MutableDict([['w', new Categorical([1, 2], { weights: [0.5, 0.5], label: 'w' })]]));
    expect(weighted.path).toEqual(['w']);
    expect(weighted.message).toContain('A weighted choice');
    const nested = new NestedChoice({ a: new MutableDict([['_name', 'a']]), b: new MutableDict([['_name', 'b']]) }, { weights: [0.5, 0.5], label: 'n' });
    expect(writeError(new MutableDict([['n', nested]])).message).toContain('A weighted choice');
  });

  it('refuses nested options that are not MutableDicts named by their name', () => {
    const cases = [
      new NestedChoice({ a: new MutableDict([['_name', 'a']]), b: 3 }, { label: 'n1' }),
      new NestedChoice({ a: new MutableDict([['_name', 'a']]), b: new MutableDict([['x', 1]]) }, { label: 'n2' }),
      new NestedChoice({ a: new MutableDict([['_name', 'a']]), b: new MutableDict([['_name', 'c']]) }, { label: 'n3' }),
    ];
    for (const choice of cases) {
      const error = writeError(new MutableDict([['n', choice]]));
      expect(error.code).toBe('not-expressible-as-json');
      expect(error.path).toEqual(['n', '_value', 1]);
      expect(error.message).toContain('Option "b" (not a MutableDict whose "_name" is its name)');
    }
  });

  it('refuses an option without "_name" even when its name is "undefined"', () => {
    const choice = new NestedChoice({ a: new MutableDict([['_name', 'a']]), undefined: new MutableDict([['x', 1]]) }, { label: 'u' });
    const error = writeError(new MutableDict([['u', choice]]));
    expect(error.path).toEqual(['u', '_value', 1]);
  });

  it('names the path inside a nested option', () => {
    const choice = new NestedChoice({ a: new MutableDict([['_name', 'a'], ['k', 7]]) }, { label: 'n' });
    expect(writeError(new MutableDict([['n', choice]])).path).toEqual(['n', '_value', 0, 'k']);
  });

  it('refuses bounded normals and writes unbounded ones', () => {
    for (const bounds of [{ low: 0 }, { high: 5 }]) {
      const n = new Numerical({ mu: 1, sigma: 2, ...bounds, label: 'b' });
      expect(writeError(new MutableDict([['b', n]])).message).toContain('A bounded normal distribution');
    }
    const free = new Numerical({ mu: 1, sigma: 2, log: true, quantize: 0.5, label: 'f' });
    expect(toSearchSpaceJson(new MutableDict([['f', free]]))['f']).toEqual({ _type: 'qlognormal', _value: [1, 2, 0.5] });
  });
});
