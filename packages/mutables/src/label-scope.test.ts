import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Categorical } from './categorical.js';
import { autoLabel, currentScopePath, labelScope } from './label.js';

class Planted extends Error {}

describe('labelScope', () => {
  it('puts an unnamed scope outside every scope under "global", as automatic labels are', () => {
    const [inner, outer] = [labelScope(undefined, () => new Categorical([1, 2]).label), new Categorical([1, 2]).label];
    expect(inner).toMatch(/^global\/\d+\/1$/);
    const scopeNumber = Number(inner.split('/')[1]);
    // The unnamed scope and the unnamed decision after it draw from the same "global" counter.
    expect(outer).toBe(`global/${scopeNumber + 1}`);
    expect(labelScope(undefined, () => labelScope(undefined, () => autoLabel().path))).toBe(`global/${scopeNumber + 2}/1/1`);
  });

  it('numbers an unnamed scope inside a named one from the parent', () => {
    expect(labelScope('net', () => [labelScope(undefined, () => new Categorical([1]).label), labelScope(undefined, () => autoLabel('w').path)])).toEqual([
      'net/1/1',
      'net/2/w',
    ]);
  });

  it('restores the enclosing scope after the callback throws', () => {
    expect(currentScopePath()).toBeUndefined();
    expect(() => labelScope('broken', () => {
      throw new Planted('inside');
    })).toThrow(Planted);
    expect(currentScopePath()).toBeUndefined();
    expect(new Categorical([1], { label: 'after' }).label).toBe('after');
    const labels = labelScope('outer', () => {
      const before = autoLabel().path;
      expect(() => labelScope('inner', () => labelScope('deeper', () => {
        throw new Planted('two levels down');
      }))).toThrow(Planted);
      return [before, autoLabel().path, autoLabel('named').path];
    });
    expect(labels).toEqual(['outer/1', 'outer/2', 'outer/named']);
  });

  it('restores the enclosing scope whatever nesting of scopes throws and at which depth', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.constantFrom('a', 'b', 'toString', '__proto__'), { nil: undefined }), { minLength: 1, maxLength: 6 }),
        fc.nat(),
        (names, throwAtRaw) => {
          const throwAt = throwAtRaw % names.length;
          const seen: (string | undefined)[] = [];
          const enter = (depth: number): void => {
            seen.push(currentScopePath());
            if (depth === throwAt) throw new Planted(`at ${depth}`);
            labelScope(names[depth + 1], () => enter(depth + 1));
          };
          expect(() => labelScope(names[0], () => enter(0))).toThrow(Planted);
          expect(currentScopePath()).toBeUndefined();
          expect(seen).toHaveLength(throwAt + 1);
        },
      ),
    );
  });

  it('restores the enclosing scope after refusing an async callback', () => {
    labelScope('host', () => {
      expect(() => labelScope('s', async () => 1)).toThrow(/async/);
      expect(currentScopePath()).toBe('host');
    });
    expect(currentScopePath()).toBeUndefined();
  });
});
