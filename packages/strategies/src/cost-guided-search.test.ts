/**
 * Strategies seeing costs before proposing: `search()` gives sessions `knownCosts` (the costs and
 * their violation, or undefined when they are asynchronous or fail), `CostScoreFit` learns how costs
 * predict scores from told trials only, and LocalSearch with `costOrder` skips known-infeasible
 * neighbours, so fewer trials are pruned, while without costs it searches as before.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Categorical, MutableDict, type Sample, createRng } from '@archspace/mutables';
import { CostScoreFit, costGuided } from './cost-score-fit.js';
import { LocalSearch } from './local-search.js';
import { search } from './search.js';
import type { KnownCosts, Strategy, StrategyContext, StrategySession } from './strategy.js';
import { knownCostsOf } from './search-costs.js';

const values = Array.from({ length: 12 }, (_, i) => i);
const space = new MutableDict({ x: new Categorical(values, { label: 'x' }), y: new Categorical(values, { label: 'y' }) });
const x = (s: Sample) => s['x'] as number;
const y = (s: Sample) => s['y'] as number;
const objectives = [{ name: 'score', direction: 'maximize' as const }];
const constraints = [{ name: 'cost', max: 6 }];

/** A strategy that records the context it was started with and delegates to LocalSearch. */
function spying(seen: StrategyContext[]): Strategy {
  const inner = new LocalSearch();
  return { name: 'Spy', start: (context): StrategySession => (seen.push(context), inner.start(context)) };
}

describe('knownCosts in the strategy context', () => {
  it('is given when search() has costs, with the violation of the constraints; absent otherwise', async () => {
    const seen: StrategyContext[] = [];
    await search(space, (s) => ({ score: x(s) + y(s) }), spying(seen), { maxTrials: 3 }, { seed: 1, progress: false, objectives, constraints, costs: (s) => ({ cost: x(s) }) });
    await search(space, (s) => ({ score: x(s) + y(s) }), spying(seen), { maxTrials: 3 }, { seed: 1, progress: false, objectives, constraints });
    const known = seen[0]!.knownCosts!;
    expect(known({ x: 3, y: 0 })).toEqual({ metrics: { cost: 3 }, violation: 0 });
    expect(known({ x: 9, y: 0 })).toEqual({ metrics: { cost: 9 }, violation: 0.5 });
    expect(seen[1]!.knownCosts).toBeUndefined();
  });

  it('is undefined for costs that throw, are malformed or asynchronous (whose rejection is not left unhandled)', async () => {
    const cases = [
      () => {
        throw new Error('no');
      },
      () => ({ cost: Number.NaN }),
      () => Promise.reject(new Error('later')),
      () => Promise.resolve({ cost: 1 }),
    ];
    for (const costs of cases) expect(knownCostsOf(costs as never, constraints)({ x: 1, y: 1 })).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 10));
  });

  it('keeps metric names such as __proto__ as plain keys', () => {
    const known = knownCostsOf(() => JSON.parse('{"__proto__": 7, "constructor": 1}') as Record<string, number>, [{ name: '__proto__', max: 3.5 }]);
    const result = known({ x: 0, y: 0 })!;
    expect(Object.keys(result.metrics)).toEqual(['__proto__', 'constructor']);
    expect(result.violation).toBe(1);
  });
});

describe('CostScoreFit and costGuided', () => {
  it('predicts 0 until five trials, then ranks by the sign of the correlation, for any increasing or decreasing relation', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.array(fc.integer({ min: -100, max: 100 }), { minLength: 5, maxLength: 20 }), (increasing, costs) => {
        fc.pre(new Set(costs).size >= 2);
        const fit = new CostScoreFit();
        costs.forEach((cost, i) => {
          if (i === 4) expect(fit.predict({ c: 0 })).toBe(0);
          fit.add({ c: cost }, increasing ? 2 * cost + 1 : -cost);
        });
        const low = fit.predict({ c: -50 });
        const high = fit.predict({ c: 50 });
        expect(increasing ? high > low : low > high).toBe(true);
      }),
    );
  });

  it('drops known-infeasible candidates and those predicted worse than the centre, and puts the best predicted last', () => {
    const fit = new CostScoreFit();
    for (const cost of [1, 2, 3, 4, 5]) fit.add({ cost }, cost);
    const known = (s: Sample): KnownCosts => ({ metrics: { cost: x(s) }, violation: x(s) > 6 ? 1 : 0 });
    const candidates = [1, 7, 4, 6, 2, 5].map((v) => ({ x: v, y: 0 }));
    expect(costGuided(candidates, { x: 4, y: 0 }, known, fit).map(x)).toEqual([4, 5, 6]);
    expect(costGuided(candidates, undefined, known, fit).map(x)).toEqual([1, 2, 4, 5, 6]);
  });
});

describe('LocalSearch with costOrder', () => {
  it('is on by default, can be turned off, and refuses a non-boolean', () => {
    expect(new LocalSearch().options.costOrder).toBe(true);
    expect(new LocalSearch({ costOrder: false }).options.costOrder).toBe(false);
    expect(() => new LocalSearch({ costOrder: 'yes' as never })).toThrow(/costOrder must be true or false/);
  });

  it('prunes fewer trials and finds at least as good a feasible sample as without it', async () => {
    // The score grows with x + y; the cost is x + y / 2, at most 6.
    const evaluate = (s: Sample) => ({ score: x(s) + y(s) });
    const costs = (s: Sample) => ({ cost: x(s) + y(s) / 2 });
    const run = (costOrder: boolean, seed: number) => search(space, evaluate, new LocalSearch({ costOrder }), { maxTrials: 30 }, { seed, progress: false, objectives, constraints, costs });
    let guidedPruned = 0;
    let plainPruned = 0;
    let guidedBest = 0;
    let plainBest = 0;
    for (let seed = 0; seed < 10; seed++) {
      const [guided, plain] = [await run(true, seed), await run(false, seed)];
      guidedPruned += guided.trials.filter((t) => t.outcome.status === 'pruned').length;
      plainPruned += plain.trials.filter((t) => t.outcome.status === 'pruned').length;
      guidedBest += (guided.best!.outcome as { value: number }).value;
      plainBest += (plain.best!.outcome as { value: number }).value;
      expect(costs(guided.best!.sample).cost).toBeLessThanOrEqual(6);
    }
    expect(guidedPruned).toBeLessThan(plainPruned);
    expect(guidedBest).toBeGreaterThanOrEqual(plainBest);
  });

  it('searches as without costOrder when the costs are asynchronous (strategies cannot see them)', async () => {
    const evaluate = (s: Sample) => ({ score: x(s) + y(s) });
    const run = (costOrder: boolean) =>
      search(space, evaluate, new LocalSearch({ costOrder }), { maxTrials: 30 }, { seed: 2, progress: false, objectives, constraints, costs: async (s) => ({ cost: x(s) }) });
    expect(JSON.stringify((await run(true)).trials)).toBe(JSON.stringify((await run(false)).trials));
  });

  it('proposes the same as without costOrder when the search has no costs', () => {
    const propose = (costOrder: boolean) => {
      const session = new LocalSearch({ costOrder }).start({ space, rng: createRng(4), direction: 'maximize' });
      const keys: string[] = [];
      for (let i = 0; i < 40; i++) {
        const proposal = session.ask()!;
        keys.push(`${x(proposal.sample)},${y(proposal.sample)}`);
        session.tell(proposal.id, { status: 'succeeded', value: x(proposal.sample) - y(proposal.sample) });
      }
      return keys;
    };
    expect(propose(true)).toEqual(propose(false));
  });
});
