import { describe, expect, it } from 'vitest';
import { SearchSpaceError } from '@archspace/ir';
import { Categorical } from './categorical.js';
import { Label, autoLabel, labelScope } from './label.js';

describe('labels', () => {
  it('prefixes names with nested scopes and numbers unnamed mutables from 1 in each scope', () => {
    const [a, b, c, d] = labelScope('model', () => {
      const first = new Categorical([1, 2]);
      const named = new Categorical([1, 2], { label: 'width' });
      const inner = labelScope('block', () => new Categorical([1, 2]));
      const second = new Categorical([1, 2]);
      return [first, named, inner, second];
    });
    expect([a.label, b.label, c.label, d.label]).toEqual(['model/1', 'model/width', 'model/block/1', 'model/2']);
  });

  it('gives the same labels when the same program runs twice', () => {
    const build = () => labelScope('net', () => [new Categorical([1]), labelScope(undefined, () => new Categorical([1]))].map((m) => m.label));
    expect(build()).toEqual(build());
    expect(build()).toEqual(['net/1', 'net/2/1']);
  });

  it('takes an explicit label as is outside every scope and a Label object unchanged', () => {
    expect(new Categorical([1], { label: 'lr' }).label).toBe('lr');
    const fixed = Label.absolute('a/b');
    expect(labelScope('x', () => autoLabel(fixed))).toBe(fixed);
    expect(labelScope('x', () => new Categorical([1], { label: fixed }).label)).toBe('a/b');
  });

  it('rejects empty labels, labels with "/" and non-strings, saying what is allowed', () => {
    expect(() => new Categorical([1], { label: '' })).toThrow(SearchSpaceError);
    expect(() => new Categorical([1], { label: 'a/b' })).toThrow(/without "\/"/);
    expect(() => autoLabel(3 as unknown as string)).toThrow(/string/);
    expect(() => labelScope('', () => 1)).toThrow(/non-empty/);
  });

  it('refuses async scope functions, because scopes do not follow await', () => {
    expect(() => labelScope('s', async () => 1)).toThrow(/async/);
  });
});
