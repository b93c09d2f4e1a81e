/**
 * The additive model of Pareto local search: on a score that is exactly a sum of per-decision effects
 * it ranks any two samples as the score does once it has seen enough trials, it predicts 0 before any
 * trial, ignores non-finite scores, stays off when the decisions have too many values, and treats
 * labels such as `__proto__` as data.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Categorical, createRng, MutableDict, type Sample } from '@archspace/mutables';
import { DecisionEffects, MAX_EFFECT_COLUMNS } from './decision-effects.js';

const LABELS = ['__proto__', 'constructor', 'edge', 'hasOwnProperty'];
const space = new MutableDict(Object.fromEntries(LABELS.map((label) => [label, new Categorical([0, 1, 2, 3], { label })])));

describe('DecisionEffects', () => {
  it('orders samples as an additive score does, after enough trials', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 16, maxLength: 16 }), fc.integer({ min: 0, max: 1e6 }), (weights, seed) => {
        const score = (s: Sample) => LABELS.reduce((sum, label, i) => sum + weights[i * 4 + (s[label] as number)]!, 0);
        const model = new DecisionEffects(space);
        const rng = createRng(seed);
        for (let i = 0; i < 200; i++) {
          const sample = space.random(rng);
          model.add(sample, score(sample));
        }
        for (let i = 0; i < 20; i++) {
          const [a, b] = [space.random(rng), space.random(rng)];
          const gap = score(a) - score(b);
          // Ridge shrinkage only scales the effects a little at 200 trials of 16 columns.
          if (Math.abs(gap) >= 4) expect(Math.sign(model.predict(a) - model.predict(b))).toBe(Math.sign(gap));
        }
      }),
      { numRuns: 30 },
    );
  });

  it('predicts 0 before a trial and ignores non-finite scores', () => {
    const model = new DecisionEffects(space);
    const sample = space.random(createRng(1));
    expect(model.predict(sample)).toBe(0);
    model.add(sample, Number.NaN);
    model.add(sample, Number.POSITIVE_INFINITY);
    expect(model.predict(sample)).toBe(0);
    model.add(sample, 5);
    model.add(space.random(createRng(2)), 1);
    expect(Number.isFinite(model.predict(sample))).toBe(true);
    expect(model.predict(sample)).toBeGreaterThan(0);
  });

  it('stays off beyond its column budget', () => {
    const wide = new MutableDict({ big: new Categorical(Array.from({ length: MAX_EFFECT_COLUMNS + 1 }, (_, i) => i), { label: 'big' }) });
    const model = new DecisionEffects(wide);
    expect(model.active).toBe(false);
    model.add({ big: 3 }, 10);
    model.add({ big: 4 }, 0);
    expect(model.predict({ big: 3 })).toBe(0);
    expect(new DecisionEffects(space).active).toBe(true);
  });
});
