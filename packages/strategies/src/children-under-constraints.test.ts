/**
 * Children whose inherited decisions break a constraint are skipped, not thrown: crossing (1, 2)
 * with (2, 1) under `a ≠ b` can give (1, 1), which no redraw repairs when nothing is redrawn.
 */
import { describe, expect, it } from 'vitest';
import { Categorical, ExpressionConstraint, MutableDict, createRng } from '@archspace/mutables';
import { NSGA2 } from './nsga2.js';
import { RegularizedEvolution } from './regularized-evolution.js';
import type { Strategy } from './strategy.js';

function differentPair(): MutableDict {
  const a = new Categorical([1, 2, 3], { label: 'a' });
  const b = new Categorical([1, 2, 3], { label: 'b' });
  return new MutableDict({ a, b, rule: new ExpressionConstraint(a.ne(b), { label: 'rule' }) });
}

describe.each<[string, () => Strategy]>([
  ['RegularizedEvolution', () => new RegularizedEvolution({ populationSize: 4, sampleSize: 1, mutationProb: 0, crossover: true })],
  ['RegularizedEvolution without dedup', () => new RegularizedEvolution({ populationSize: 4, sampleSize: 1, mutationProb: 0, crossover: true, dedup: false })],
  ['NSGA2', () => new NSGA2({ populationSize: 4, crossoverProb: 1, mutationProb: 0 })],
])('%s with crossover under a constraint', (_name, make) => {
  it('proposes only valid samples and never throws', () => {
    const space = differentPair();
    for (let seed = 0; seed < 30; seed++) {
      const session = make().start({ space, rng: createRng(seed), direction: 'maximize' });
      for (let i = 0; i < 12; i++) {
        const p = session.ask();
        if (p === undefined) break;
        expect(space.contains(p.sample)).toBe(true);
        session.tell(p.id, { status: 'succeeded', value: (p.sample['a'] as number) * 10 + (p.sample['b'] as number) });
      }
    }
  });
});
