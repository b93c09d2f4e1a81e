/**
 * What users hand to strategies is checked: an unknown option is a TypeError naming it and the
 * options there are (it used to be ignored: `new Random({ seed: 1 })` ran unseeded), and a malformed
 * outcome told to a session is a TypeError naming what it got (a bare number or a record without a
 * status used to be accepted and learnt from as nothing), leaving the session as it was.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Categorical, MutableDict, createRng } from '@archspace/mutables';
import { BOHB } from './bohb.js';
import { CurveFitting } from './curve-fitting.js';
import { GridSearch } from './grid-search.js';
import { Hyperband } from './hyperband.js';
import { MedianStop } from './median-stop.js';
import { PolicyBasedRL } from './policy-based-rl.js';
import { Random } from './random.js';
import { LocalSearch } from './local-search.js';
import { NSGA2 } from './nsga2.js';
import { RegularizedEvolution } from './regularized-evolution.js';
import type { Strategy } from './strategy.js';
import { TPE } from './tpe.js';

const makers: Record<string, [(options?: object) => unknown, object]> = {
  Random: [(o) => new Random(o), {}],
  GridSearch: [(o) => new GridSearch(o), {}],
  RegularizedEvolution: [(o) => new RegularizedEvolution(o), {}],
  LocalSearch: [(o) => new LocalSearch(o), {}],
  NSGA2: [(o) => new NSGA2(o), {}],
  TPE: [(o) => new TPE(o), {}],
  PolicyBasedRL: [(o) => new PolicyBasedRL(o), {}],
  Hyperband: [(o) => new Hyperband(o as never), { minBudget: 1, maxBudget: 9 }],
  BOHB: [(o) => new BOHB(o as never), { minBudget: 1, maxBudget: 9 }],
  MedianStop: [(o) => new MedianStop(o), {}],
  CurveFitting: [(o) => new CurveFitting(o as never), { epochNum: 10 }],
};

describe('strategy and assessor options', () => {
  it.each(Object.keys(makers))('%s refuses an unknown option, naming it and the options it has', (name) => {
    const [make, required] = makers[name]!;
    expect(() => make(required)).not.toThrow();
    expect(() => make({ ...required, learning_rate: 1 })).toThrow(TypeError);
    expect(() => make({ ...required, learning_rate: 1 })).toThrow(new RegExp(`^${name}: unknown option "learning_rate"; the options are \\w+`));
    expect(() => make({ ...required, constructor: 1 })).toThrow(/unknown option "constructor"/);
  });

  it('says where a seed goes', () => {
    expect(() => new Random({ seed: 1 } as never)).toThrow(/unknown option "seed" \(a seed goes to search\(…, \{ seed \}\)/);
    expect(() => new Random({ seed: 1 } as never)).toThrow(/the options are dedup, retries$/);
  });

  it('refuses options that are not an object', () => {
    expect(() => new TPE(3 as never)).toThrow(/^TPE: the options must be an object with some of nStartupJobs, .*; got 3$/);
    expect(() => new Random([] as never)).toThrow(/got a list of 0/);
  });
});

const space = new MutableDict({ a: new Categorical([1, 2, 3], { label: 'a' }), b: new Categorical([1, 2, 3], { label: 'b' }) });
const strategies: Strategy[] = [new Random(), new GridSearch(), new RegularizedEvolution({ populationSize: 2, sampleSize: 2 }), new LocalSearch({ initialSamples: 2 }), new NSGA2({ populationSize: 2 }), new TPE({ nStartupJobs: 2 }), new PolicyBasedRL(), new Hyperband({ minBudget: 1, maxBudget: 9 }), new BOHB({ minBudget: 1, maxBudget: 9 })];

describe('outcomes told to a session', () => {
  it.each(strategies.map((s) => [s.name, s] as const))('%s refuses a malformed outcome and stays as it was', (_name, strategy) => {
    const session = strategy.start({ space, rng: createRng(1), direction: 'maximize' });
    const proposal = session.ask()!;
    expect(() => session.tell(proposal.id, 93.2 as never)).toThrow(/^tell\(0\): the outcome must be .*; got 93.2$/);
    expect(() => session.tell(proposal.id, { value: 93.2 } as never)).toThrow(/got an object with keys value \(status is undefined\)$/);
    expect(() => session.tell(proposal.id, { status: 'succeeded', value: '93.2' } as never)).toThrow(/\(value is "93.2", not a number\)$/);
    expect(() => session.tell(proposal.id, { status: 'stopped' } as never)).toThrow(/needs its intermediates/);
    expect(() => session.tell(proposal.id, { status: 'failed', intermediates: ['x'] } as never)).toThrow(/intermediates is not a list of numbers/);
    expect(session.pending().map((p) => p.id)).toEqual([proposal.id]);
    session.tell(proposal.id, { status: 'succeeded', value: 93.2 });
    expect(session.trials[0]!.outcome).toEqual({ status: 'succeeded', value: 93.2 });
  });

  it('refuses a restore with a malformed outcome before recording any entry', () => {
    const session = new TPE().start({ space, rng: createRng(1), direction: 'maximize' });
    const entries = [{ sample: { a: 1, b: 1 }, outcome: { status: 'succeeded' as const, value: 1 } }, { sample: { a: 2, b: 2 }, outcome: 5 as never }];
    expect(() => session.restore(entries)).toThrow(/^restore\(\): entry 1: the outcome must be/);
    expect(session.trials).toEqual([]);
  });

  it('accepts exactly the outcome forms, whatever else it is given', () => {
    const number = fc.oneof(fc.double(), fc.constantFrom(Infinity, -Infinity));
    const outcomeLike = fc.oneof(
      fc.anything(),
      fc.record({ status: fc.oneof(fc.constantFrom('succeeded', 'failed', 'stopped'), fc.string()), value: fc.oneof(number, fc.anything()), intermediates: fc.oneof(fc.array(number), fc.anything()), error: fc.oneof(fc.string(), fc.anything()) }, { requiredKeys: [] }),
    );
    fc.assert(
      fc.property(outcomeLike, (outcome) => {
        const session = new Random().start({ space, rng: createRng(2), direction: 'minimize' });
        const { id } = session.ask()!;
        try {
          session.tell(id, outcome as never);
        } catch (error) {
          expect(error).toBeInstanceOf(TypeError);
          expect(session.pending()).toHaveLength(1);
          return;
        }
        const o = outcome as { status: string; value?: unknown; intermediates?: unknown };
        expect(['succeeded', 'failed', 'stopped']).toContain(o.status);
        if (o.status === 'succeeded') expect(typeof o.value === 'number' && !Number.isNaN(o.value)).toBe(true);
        if (o.status === 'stopped') expect(Array.isArray(o.intermediates)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
