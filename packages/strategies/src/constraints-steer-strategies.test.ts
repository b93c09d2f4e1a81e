/**
 * Strategies under metric constraints: an infeasible trial ranks below every feasible one (less
 * violation higher), so TPE's model and REA's tournaments stop favouring where the value is high but
 * the constraint is broken.
 */
import { describe, expect, it } from 'vitest';
import { Categorical, MutableDict, createRng, type Sample } from '@archspace/mutables';
import { RegularizedEvolution } from './regularized-evolution.js';
import type { Strategy } from './strategy.js';
import { TPE } from './tpe.js';

const space = new MutableDict(Object.fromEntries(Array.from({ length: 3 }, (_, i) => [`d${i}`, new Categorical([0, 1, 2, 3, 4, 5, 6, 7], { label: `d${i}` })])));
const sum = (s: Sample) => (Object.values(s) as number[]).reduce((a, b) => a + b, 0);
/** The value grows with the sum; the constraint allows a sum of at most 9. */
const violation = (s: Sample) => Math.max(0, sum(s) - 9) / 9;

/** The share of feasible proposals among the last 40 of 80, told with or without the violation. */
function feasibleShare(strategy: Strategy, withViolation: boolean, seed: number): number {
  const session = strategy.start({ space, rng: createRng(seed), direction: 'maximize' });
  let feasible = 0;
  for (let i = 0; i < 80; i++) {
    const p = session.ask()!;
    const v = violation(p.sample);
    if (i >= 40 && v === 0) feasible++;
    session.tell(p.id, { status: 'succeeded', value: sum(p.sample), ...(withViolation && v > 0 ? { violation: v } : {}) });
  }
  return feasible / 40;
}

describe.each<[string, () => Strategy]>([
  ['TPE', () => new TPE({ nStartupJobs: 10 })],
  ['RegularizedEvolution', () => new RegularizedEvolution({ populationSize: 10, sampleSize: 5, mutationProb: 0, alwaysMutate: true })],
])('%s under constraints', (_name, make) => {
  it('keeps proposing feasible samples once told the violations, and almost only infeasible ones otherwise', () => {
    const mean = (withViolation: boolean) => Array.from({ length: 10 }, (_, seed) => feasibleShare(make(), withViolation, seed)).reduce((a, b) => a + b, 0) / 10;
    const told = mean(true);
    const blind = mean(false);
    // Measured: TPE 0.44 told (random search: 0.41), 0.05 blind; REA 0.51 and 0.02.
    expect(told).toBeGreaterThan(0.3);
    expect(blind).toBeLessThan(0.15);
  });
});
