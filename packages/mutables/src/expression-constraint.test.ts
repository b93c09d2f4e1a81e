import { describe, expect, it } from 'vitest';
import { ConstraintViolation } from '@archspace/ir';
import { Categorical } from './categorical.js';
import { ExpressionConstraint } from './expression-constraint.js';
import { MutableDict } from './mutable-dict.js';
import { createRng } from './rng.js';

function ordered() {
  const a = new Categorical([1, 2, 3], { label: 'a' });
  const b = new Categorical([1, 2, 3], { label: 'b' });
  return new MutableDict({ a, b, ordered: new ExpressionConstraint(a.lt(b), { label: 'ordered' }) });
}

describe('ExpressionConstraint', () => {
  it('filters the grid and leaves no key in samples or frozen values', () => {
    const space = ordered();
    expect([...space.grid()]).toEqual([
      { a: 1, b: 2 },
      { a: 1, b: 3 },
      { a: 2, b: 3 },
    ]);
    expect(space.freeze({ a: 1, b: 3 })).toEqual({ a: 1, b: 3 });
  });

  it('rejects a violating sample with a message naming the constraint and the values', () => {
    const error = ordered().checkContains({ a: 3, b: 1 });
    expect(error).toBeInstanceOf(ConstraintViolation);
    expect(error?.message).toContain('Constraint "ordered" (a < b) is not satisfied by a=3, b=1');
  });

  it('redraws random samples until they satisfy the constraint', () => {
    const space = ordered();
    for (let seed = 0; seed < 50; seed++) {
      const sample = space.random(createRng(seed));
      expect((sample['a'] as number) < (sample['b'] as number)).toBe(true);
    }
  });

  it('falls back to the first valid grid point when the default breaks a constraint', () => {
    expect(ordered().default()).toEqual({ a: 1, b: 2 });
  });

  it('reports an unsatisfiable constraint instead of looping', () => {
    const a = new Categorical([1, 2], { label: 'u' });
    const space = new MutableDict({ a, never: new ExpressionConstraint(a.gt(5), { label: 'never' }) });
    expect(() => space.random(createRng(0))).toThrow(/No random sample satisfied/);
    expect(() => space.default()).toThrow(/No grid point/);
  });

  it('fails at once, without redrawing, when the memo fixes every decision and breaks a constraint', () => {
    const space = ordered();
    const rng = createRng(0);
    const before = JSON.stringify(rng.state());
    expect(() => space.random(rng, { a: 3, b: 1 })).toThrow(/memo fixes every active decision/);
    expect(JSON.stringify(rng.state())).toBe(before);
  });
});
