import { SearchSpaceError } from '@archspace/ir';
import { describe, expect, it } from 'vitest';
import { searchSpaceRefusal } from './test-support/search-space-refusal.js';
import { MutableDict, describeItem } from './mutable-dict.js';

const refusal = searchSpaceRefusal;

describe('MutableDict keys', () => {
  it('takes entries from a Map, in order', () => {
    const d = new MutableDict(
      new Map<string, unknown>([
        ['b', 1],
        ['a', 2],
      ]),
    );
    expect(d.keys()).toEqual(['b', 'a']);
    expect(d.get('a')).toBe(2);
  });

  it('refuses keys that are not strings, and repeated keys at the key', () => {
    const invalid = refusal(() => new MutableDict([[1, 'x']] as unknown as [string, unknown][]));
    expect(invalid.code).toBe('invalid-key');
    expect(invalid.received).toBe(1);
    const repeated = refusal(() => new MutableDict([['a', 1], ['a', 2]]));
    expect(repeated.code).toBe('duplicate-key');
    expect(repeated.path).toEqual(['a']);
  });

  it('equals a dict with the same keys and members only', () => {
    const d = new MutableDict([['a', 1]]);
    expect(d.equals(new MutableDict([['a', 1]]))).toBe(true);
    expect(d.equals(new MutableDict([['a', 1], ['b', 2]]))).toBe(false);
    expect(d.equals(new MutableDict([['b', 1]]))).toBe(false);
    expect(d.equals({ a: 1 })).toBe(false);
  });
});

describe('member descriptions', () => {
  it.each([
    [null, 'null'],
    [undefined, 'undefined'],
    ['x', '"x"'],
    [[1, 'a'], '[1,"a"]'],
  ])('describes %o as %s', (value, text) => {
    expect(describeItem(value)).toBe(text);
  });

  it('describes a dict holding null', () => {
    expect(new MutableDict([['a', null]]).describe()).toBe("MutableDict({'a': null})");
  });
});
