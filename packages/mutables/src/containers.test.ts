import { describe, expect, it } from 'vitest';
import { Categorical } from './categorical.js';
import { MutableDict } from './mutable-dict.js';
import { MutableList } from './mutable-list.js';

describe('MutableDict and MutableList', () => {
  it('freeze constants unchanged and keep key order', () => {
    const dict = new MutableDict([
      ['b', new Categorical([1, 2], { label: 'b' })],
      ['a', 'constant'],
    ]);
    expect(Object.keys(dict.freeze({ b: 2 }))).toEqual(['b', 'a']);
    expect(dict.freeze({ b: 2 })).toEqual({ b: 2, a: 'constant' });
    const list = new MutableList([new Categorical(['x', 'y'], { label: 'l' }), [new Categorical([9], { label: 'hidden' })], 3]);
    expect(list.freeze({ l: 'y' })[0]).toBe('y');
    expect(Object.keys(list.simplify())).toEqual(['l']);
  });

  it('multiplies the sizes of independent decisions', () => {
    const dict = new MutableDict({ a: new Categorical([1, 2, 3], { label: 'a' }), b: new Categorical([1, 2], { label: 'b' }) });
    expect(dict.size).toBe(6);
    expect([...dict.grid()]).toHaveLength(6);
  });

  it('refuses duplicate keys and compares structurally', () => {
    expect(
      () =>
        new MutableDict([
          ['k', 1],
          ['k', 2],
        ]),
    ).toThrow(/each key once/);
    const make = () => new MutableDict({ a: new Categorical([1, 2], { label: 'a' }), c: 3 });
    expect(make().equals(make())).toBe(true);
    expect(make().equals(new MutableDict({ a: new Categorical([1, 2], { label: 'a' }), c: 4 }))).toBe(false);
    expect(new MutableList([1, make()]).equals(new MutableList([1, make()]))).toBe(true);
  });

  it('describes its members', () => {
    expect(new MutableDict({ a: new Categorical([1], { label: 'a' }), n: 2 }).describe()).toBe("MutableDict({'a': Categorical([1], label='a'), 'n': 2})");
  });
});
