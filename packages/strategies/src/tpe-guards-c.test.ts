/**
 * Guards for the second half of TPE (`tpe.ts`) that the main tests leave open: which trials form the
 * good group (the best `ceil(gamma · √n)`, ties to the earlier trial), the best-first search for an
 * unseen combination of candidates (by the sum of their scores, in constrained spaces too, never
 * past the end of a decision's candidates, one try per combination of the decisions a sample uses,
 * at most 256 tries before a random draw), a space running out under the model, and `priorWeight` 0
 * being allowed.
 *
 * Trials are fed with `restore`, so the model sees exactly the samples and values a test chooses.
 * With `constantLiar: 'none'` the proposals still in flight do not change the model, so a series of
 * `ask()`s without `tell()` walks one fixed model's combinations, best first.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Categorical, createRng, ExpressionConstraint, fromSearchSpaceJson, type Mutable, MutableDict, type Sample } from '@archspace/mutables';
import type { StrategySession } from './strategy.js';
import { TPE, type TPEOptions } from './tpe.js';

function start(space: Mutable, options: TPEOptions, seed = 1): StrategySession {
  return new TPE(options).start({ space, rng: createRng(seed), direction: 'maximize' });
}

function restoreAll(session: StrategySession, trials: readonly (readonly [Sample, number])[]): void {
  session.restore(trials.map(([sample, value]) => ({ sample, outcome: { status: 'succeeded', value } })));
}

function askMany(session: StrategySession, count: number): Sample[] {
  const out: Sample[] = [];
  for (let i = 0; i < count; i++) {
    const proposal = session.ask();
    if (proposal === undefined) break;
    out.push(proposal.sample);
  }
  return out;
}

/**
 * The trial ids whose values a model proposes when trial `i` (value `scores[i]`) is the only one with
 * option `i` of a categorical: with prior weight 0 and one candidate per proposal, `l` puts all its
 * mass on the good group's options, so every proposal is an option of a good trial.
 */
function proposedTrials(scores: readonly number[], gamma: number, asks: number): Set<number> {
  const space = new MutableDict({ x: new Categorical(scores.map((_, i) => i), { label: 'x' }) });
  const session = start(space, { nStartupJobs: 0, priorWeight: 0, nEiCandidates: 1, constantLiar: 'none', dedup: false, gamma });
  restoreAll(session, scores.map((score, i) => [{ x: i }, score]));
  return new Set(askMany(session, asks).map((sample) => sample['x'] as number));
}

/** The ids of the best `ceil(gamma · √n)` scores (at least one, at most all), ties to the earlier trial. */
function bestTrials(scores: readonly number[], gamma: number): Set<number> {
  const n = scores.length;
  const count = Math.min(n, Math.max(1, Math.ceil(gamma * Math.sqrt(n))));
  const ranked = scores.map((score, id) => ({ score, id })).sort((a, b) => b.score - a.score || a.id - b.id);
  return new Set(ranked.slice(0, count).map((entry) => entry.id));
}

describe('TPE good group', () => {
  it('of one trial takes the earlier of two trials tied for the best score', () => {
    // n = 4 and gamma 0.25 give a good group of ceil(0.5) = 1.
    expect(proposedTrials([1, 1, 0, 0], 0.25, 20)).toEqual(new Set([0]));
  });

  it('holds the best scores even when a weaker trial came first', () => {
    // n = 4 and gamma 1.5 give a good group of 3: trial 0 (score 1) is the one left out.
    expect(proposedTrials([1, 5, 3, 4], 1.5, 40)).toEqual(new Set([1, 2, 3]));
  });

  it('keeps the earlier of two tied trials when a better one pushes one of them out', () => {
    // n = 3 and gamma 1 give a good group of ceil(1.73) = 2: trial 2 and the earlier of trials 0 and 1.
    expect(proposedTrials([3, 3, 5], 1, 40)).toEqual(new Set([0, 2]));
  });

  it('only ever holds the best ceil(gamma · √n) trials, ties to the earlier trial', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 12 }), fc.double({ min: 0.1, max: 4, noNaN: true }), (scores, gamma) => {
        const best = bestTrials(scores, gamma);
        for (const id of proposedTrials(scores, gamma, 8)) expect(best.has(id)).toBe(true);
      }),
      { numRuns: 30 },
    );
  });
});

/**
 * Two categoricals whose candidates score (prior weight 1, one good trial, four others):
 * a: 0 → log 12.5, 2 and 3 → log 0.5, 1 → log 0.28; b: 10 → log 10, 11 → log 0.625, 12 → log 0.25.
 * The good trial (0, 10) is the best combination and already proposed; the next ones by the sum of
 * scores are (0, 11) (log 7.8), then (2, 10) and (3, 10) (log 5), (0, 12) (log 3.1) and (1, 10) (log 2.8).
 */
const TWO_CHOICES: readonly (readonly [Sample, number])[] = [
  [{ a: 0, b: 10 }, 1],
  [{ a: 1, b: 11 }, 0],
  [{ a: 2, b: 12 }, 0],
  [{ a: 3, b: 12 }, 0],
  [{ a: 1, b: 12 }, 0],
];

function twoChoices(constrained: boolean): Mutable {
  const a = new Categorical([0, 1, 2, 3], { label: 'a' });
  const b = new Categorical([10, 11, 12], { label: 'b' });
  // The constraint rules out the second-best combination (0, 11) and nothing else.
  return new MutableDict(constrained ? { a, b, rule: new ExpressionConstraint(a.eq(0).and(b.eq(11)).not(), { label: 'rule' }) } : { a, b });
}

const pair = (sample: Sample): string => `${String(sample['a'])},${String(sample['b'])}`;

describe('TPE replacing a proposal seen before', () => {
  const options: TPEOptions = { nStartupJobs: 0, nEiCandidates: 100, constantLiar: 'none' };

  it('walks the unseen combinations of candidates best first, by the sum of their scores', () => {
    for (const seed of [1, 2, 3]) {
      const session = start(twoChoices(false), options, seed);
      restoreAll(session, TWO_CHOICES);
      const next = askMany(session, 5).map(pair);
      expect(next[0]).toBe('0,11');
      expect(new Set(next.slice(1, 3))).toEqual(new Set(['2,10', '3,10']));
      expect(next.slice(3)).toEqual(['0,12', '1,10']);
    }
  });

  it('walks them best first in a constrained space too, skipping the combinations the constraint rules out', () => {
    for (const seed of [1, 2, 3]) {
      const session = start(twoChoices(true), options, seed);
      restoreAll(session, TWO_CHOICES);
      const next = askMany(session, 4).map(pair);
      expect(new Set(next.slice(0, 2))).toEqual(new Set(['2,10', '3,10']));
      expect(next.slice(2)).toEqual(['0,12', '1,10']);
    }
  });

  it('combines only candidate values, never a value past the end of a decision’s candidates', () => {
    // Prior weight 0: the candidates are the good trials' values, a ∈ {0, 1}, b ∈ {0}, c ∈ {0, 1}.
    // Both good trials are proposed already; of the two unseen combinations, (1, 0, 0) and (0, 0, 1)
    // tie on the sum, and every other value of b has no candidate behind it.
    const values = [0, 1, 2, 3, 4, 5, 6, 7];
    const space = new MutableDict({
      a: new Categorical(values, { label: 'a' }),
      b: new Categorical(values, { label: 'b' }),
      c: new Categorical(values, { label: 'c' }),
    });
    const trials: [Sample, number][] = [
      [{ a: 0, b: 0, c: 0 }, 1],
      [{ a: 1, b: 0, c: 1 }, 1],
      [{ a: 0, b: 0, c: 2 }, 0],
      [{ a: 1, b: 0, c: 3 }, 0],
      [{ a: 1, b: 0, c: 4 }, 0],
      [{ a: 2, b: 0, c: 0 }, 0],
      [{ a: 3, b: 0, c: 1 }, 0],
      [{ a: 4, b: 0, c: 1 }, 0],
    ];
    for (const seed of [1, 2, 3, 4, 5]) {
      // n = 8 and gamma 0.5 give a good group of ceil(1.41) = 2.
      const session = start(space, { nStartupJobs: 0, priorWeight: 0, gamma: 0.5, constantLiar: 'none' }, seed);
      restoreAll(session, trials);
      const sample = session.ask()!.sample;
      expect(['1,0,0', '0,0,1']).toContain(`${String(sample['a'])},${String(sample['b'])},${String(sample['c'])}`);
    }
  });
});

/**
 * Good trials only (prior weight 0, so the candidates are exactly their values), each at full weight:
 * every `x` of `block` with every `y` of `block` except the pairs in `skip`, plus `extra`.
 */
function blockTrials(block: number, skip: readonly string[], extra: readonly (readonly [number, number])[], labels: readonly [string, string]): [Sample, number][] {
  const trials: [Sample, number][] = [];
  for (let x = 0; x < block; x++) for (let y = 0; y < block; y++) if (!skip.includes(`${x},${y}`)) trials.push([{ [labels[0]]: x, [labels[1]]: y }, 1]);
  for (const [x, y] of extra) trials.push([{ [labels[0]]: x, [labels[1]]: y }, 1]);
  return trials;
}

const allGood = (trials: number): TPEOptions => ({
  nStartupJobs: 0,
  priorWeight: 0,
  gamma: Math.sqrt(trials),
  linearForgetting: trials,
  constantLiar: 'none',
});

const WIDE = Array.from({ length: 300 }, (_, i) => i);

describe('TPE searching combinations of candidates for an unseen sample', () => {
  it('gives up after 256 combinations and draws an unseen sample at random', () => {
    // 256 seen pairs of the 16 best values of x and y come first; the 257th combination, one of them
    // with x or y = 16, is unseen but past the limit, so the proposal is a random draw from 300²
    // (which lands among the candidate values, x and y ≤ 16, with probability 0.3%).
    const space = new MutableDict({ x: new Categorical(WIDE, { label: 'x' }), y: new Categorical(WIDE, { label: 'y' }) });
    const trials = blockTrials(16, [], [[16, 16]], ['x', 'y']);
    for (const seed of [1, 2]) {
      const session = start(space, { ...allGood(trials.length), nEiCandidates: 3000 }, seed);
      restoreAll(session, trials);
      const sample = session.ask()!.sample;
      expect((sample['x'] as number) <= 16 && (sample['y'] as number) <= 16).toBe(false);
    }
  });

  it('spends one try on each combination, so the last unseen one of 36 is found', () => {
    // All 36 pairs tie on the sum; only (5, 5) is unseen. Reaching it by paths through the grid
    // instead of once per pair would take more than 256 tries.
    const space = new MutableDict({ x: new Categorical(WIDE, { label: 'x' }), y: new Categorical(WIDE, { label: 'y' }) });
    const trials = blockTrials(6, ['5,5'], [], ['x', 'y']);
    for (const seed of [1, 2]) {
      const session = start(space, { ...allGood(trials.length), nEiCandidates: 200 }, seed);
      restoreAll(session, trials);
      expect(session.ask()!.sample).toEqual({ x: 5, y: 5 });
    }
  });

  it('varies only the decisions a sample uses, so an untaken branch costs no tries', () => {
    // Branch q (with z) is never taken; its candidates for z (up to 24) tie with everything, so varying z
    // under p would multiply the 36 pairs of branch p past the 256 tries before (5, 5) is reached.
    const choice = { _type: 'choice', _value: WIDE };
    const space = fromSearchSpaceJson({ op: { _type: 'choice', _value: [{ _name: 'p', x: choice, y: choice }, { _name: 'q', z: choice }] } });
    const trials = blockTrials(6, ['5,5'], [], ['op/p/x', 'op/p/y']).map(([sample, value]): [Sample, number] => [{ op: 'p', ...sample }, value]);
    for (const seed of [1, 2]) {
      const session = start(space, allGood(trials.length), seed);
      restoreAll(session, trials);
      expect(session.ask()!.sample).toEqual({ op: 'p', 'op/p/x': 5, 'op/p/y': 5 });
    }
  });
});

describe('TPE on a space it runs out of', () => {
  it('falls back to the unseen samples once every combination of candidates was proposed, then is done', () => {
    const space = new MutableDict({ x: new Categorical([0, 1, 2], { label: 'x' }) });
    for (const nEiCandidates of [1, 24]) {
      const session = start(space, { nStartupJobs: 0, nEiCandidates });
      restoreAll(session, [[{ x: 0 }, 1]]);
      const proposals = askMany(session, 5).map((sample) => sample['x']);
      expect(proposals.sort()).toEqual([1, 2]);
      expect(session.done).toBe(true);
      expect(session.ask()).toBeUndefined();
    }
  });
});

describe('TPE options', () => {
  it('accept a prior weight of 0 (the observations alone)', () => {
    expect(new TPE({ priorWeight: 0 }).options.priorWeight).toBe(0);
    expect(() => new TPE({ priorWeight: -1e-9 })).toThrow(RangeError);
  });
});
