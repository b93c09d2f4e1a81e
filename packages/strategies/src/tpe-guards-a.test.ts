/**
 * Guards for the TPE session (`tpe.ts`) that the main tests leave open: constraints inside
 * conditional branches, the best-first order in which candidate combinations are tried (ties by
 * insertion order, NaN scores last), when the model takes over from the random start, the
 * observations each decision's model is given (every succeeded trial where the decision was active,
 * sorted by value then age, past the first 64 trials too), that a done session stays done, and
 * random proposals repeating when dedup is off.
 *
 * Some tests replace a dimension's `candidates` (through a spy on its class) to fix what the model
 * offers, or wrap it to record what the model is given; the session's own logic is what is tested.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Categorical, type Decision, ExpressionConstraint, MutableDict, type Mutable, NestedChoice, Numerical, type Sample, createRng } from '@archspace/mutables';
import { sampleKey } from './sample-key.js';
import type { StrategySession } from './strategy.js';
import { type Candidate, type Dimension, dimensionOf, type Observations } from './tpe-dimension.js';
import { TPE, type TPEOptions } from './tpe.js';

type CandidatesFn = Dimension['candidates'];

/** The prototype that holds `candidates` for the model class TPE picks for `decision`. */
function modelPrototype(decision: Decision): Dimension {
  return Object.getPrototypeOf(dimensionOf(decision, 48)) as Dimension;
}

/** Makes every model of `decision`'s class answer with `lists[label]` (a fresh copy each time). */
function fixCandidates(decision: Decision, lists: Readonly<Record<string, readonly Candidate[]>>) {
  return vi.spyOn(modelPrototype(decision), 'candidates').mockImplementation(function (this: Dimension) {
    return lists[this.label]!.map((c) => ({ ...c }));
  });
}

interface Recorded {
  readonly label: string;
  readonly good: { x: number[]; w: number[] };
  readonly bad: { x: number[]; w: number[] };
}

/** Records (copies of) the observations every model of `decision`'s class is given, and lets it answer as usual. */
function recordObservations(decision: Decision): Recorded[] {
  const proto = modelPrototype(decision);
  const original: CandidatesFn = proto.candidates;
  const calls: Recorded[] = [];
  const copy = (o: Observations) => ({ x: Array.from(o.x), w: Array.from(o.w) });
  vi.spyOn(proto, 'candidates').mockImplementation(function (this: Dimension, good, bad, rng, settings) {
    calls.push({ label: this.label, good: copy(good), bad: copy(bad) });
    return original.call(this, good, bad, rng, settings);
  });
  return calls;
}

function start(space: Mutable, options: TPEOptions, seed = 1): StrategySession {
  return new TPE(options).start({ space, rng: createRng(seed), direction: 'maximize' });
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('TPE with a constraint inside a conditional branch', () => {
  it('skips candidate combinations that break it instead of failing', () => {
    const x = new Categorical([0, 1, 2, 3, 4, 5, 6, 7], { label: 'x' });
    const y = new Categorical([0, 1, 2, 3, 4, 5, 6, 7], { label: 'y' });
    const space = new NestedChoice({ ordered: new MutableDict({ x, y, xBelowY: new ExpressionConstraint(x.lt(y)) }), plain: 'none' }, { label: 'branch' });
    const session = start(space, { nStartupJobs: 4 }, 3);
    for (let i = 0; i < 25; i++) {
      const proposal = session.ask();
      if (proposal === undefined) break;
      expect(space.checkContains(proposal.sample)).toBeUndefined();
      // Large x and small y score best, which is exactly what the constraint forbids.
      const s = proposal.sample;
      session.tell(proposal.id, { status: 'succeeded', value: s['branch'] === 'ordered' ? (s['x'] as number) - (s['y'] as number) + 10 : 0 });
    }
    expect(session.trials.length).toBeGreaterThanOrEqual(20);
  });
});

/**
 * The order in which a correct best-first search over the combinations of `scores` (one list per
 * decision, each best first) meets them: highest total first, NaN totals last, ties in the order
 * the combinations were first reached (a combination's successors are reached decision by decision).
 */
function bestFirstOrder(scores: readonly (readonly number[])[]): number[][] {
  const total = (index: readonly number[]) => {
    const sum = index.reduce((acc, k, d) => acc + scores[d]![k]!, 0);
    return Number.isNaN(sum) ? -Infinity : sum;
  };
  const open: { index: number[]; priority: number; order: number }[] = [];
  const reached = new Set<string>();
  let count = 0;
  const reach = (index: number[]) => {
    if (reached.has(index.join())) return;
    reached.add(index.join());
    open.push({ index, priority: total(index), order: count++ });
  };
  reach(scores.map(() => 0));
  const out: number[][] = [];
  while (open.length > 0) {
    let best = 0;
    for (let k = 1; k < open.length; k++) {
      const a = open[k]!;
      const b = open[best]!;
      if (a.priority > b.priority || (a.priority === b.priority && a.order < b.order)) best = k;
    }
    const { index } = open.splice(best, 1)[0]!;
    out.push(index);
    for (let d = 0; d < scores.length; d++) {
      if (index[d]! + 1 >= scores[d]!.length) continue;
      const child = index.slice();
      child[d] = index[d]! + 1;
      reach(child);
    }
  }
  return out;
}

/**
 * Runs TPE (one random start, then the model) on `a`, `b`, `c` ∈ {0, …, 4} with the model's
 * candidates fixed: decision d offers the values 0, 1, … with `scores[d]` (best first). Returns the
 * proposals the model makes, and the ones a correct best-first search gives.
 */
function modelProposals(scores: readonly (readonly number[])[]): { proposed: string[]; expected: string[] } {
  const labels = ['a', 'b', 'c'];
  const decisions = labels.map((label) => new Categorical([0, 1, 2, 3, 4], { label }));
  const space = new MutableDict(Object.fromEntries(decisions.map((d) => [d.label, d])));
  const lists = Object.fromEntries(labels.map((label, d) => [label, scores[d]!.map((score, value) => ({ value, score }))]));
  const spy = fixCandidates(decisions[0]!, lists);
  try {
    const session = start(space, { nStartupJobs: 1 });
    const first = session.ask()!;
    session.tell(first.id, { status: 'succeeded', value: 0 });
    const toSample = (index: readonly number[]): Sample => Object.fromEntries(labels.map((label, d) => [label, index[d]]));
    const expected = bestFirstOrder(scores)
      .map((index) => sampleKey(toSample(index)))
      .filter((key) => key !== sampleKey(first.sample));
    const proposed: string[] = [];
    for (let i = 0; i < expected.length; i++) {
      const p = session.ask()!;
      proposed.push(sampleKey(p.sample));
      session.tell(p.id, { status: 'succeeded', value: i });
    }
    return { proposed, expected };
  } finally {
    spy.mockRestore();
  }
}

describe('TPE tries candidate combinations best-first', () => {
  it('by the sum of the scores, ties by the order the combinations were reached', () => {
    const { proposed, expected } = modelProposals([
      [3, 1, 1, 0],
      [2, 2, 0, -1],
      [1, 0, 0],
    ]);
    expect(proposed).toEqual(expected);
  });

  it('with combinations scoring NaN last, in the order they were reached', () => {
    const { proposed, expected } = modelProposals([
      [0, -1, Number.NaN],
      [1, 0, Number.NaN, Number.NaN],
      [0, 0, Number.NaN],
    ]);
    expect(proposed).toEqual(expected);
  });

  it('in the same order as a plain best-first search, for any scores', () => {
    const list = fc.array(fc.constantFrom(2, 1, 0, -1, -3, Number.NaN), { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(fc.tuple(list, list, list), (scores) => {
        // Best first, NaN last (the order `candidates` promises).
        const sorted = scores.map((xs) => [...xs].sort((p, q) => (Number.isNaN(p) ? 1 : Number.isNaN(q) ? -1 : q - p)));
        const { proposed, expected } = modelProposals(sorted);
        expect(proposed).toEqual(expected);
      }),
      { numRuns: 25 },
    );
  });
});

describe('TPE searches up to 256 candidate combinations before drawing at random', () => {
  it('still proposes the 256th candidate when the 255 better ones were proposed before', () => {
    const values = Array.from({ length: 300 }, (_, i) => i);
    const v = new Categorical(values, { label: 'v' });
    const space = new MutableDict({ v });
    fixCandidates(v, { v: values.map((value) => ({ value, score: -value })) });
    const session = start(space, { nStartupJobs: 1 });
    session.restore(values.slice(0, 255).map((value) => ({ sample: { v: value }, outcome: { status: 'succeeded', value } })));
    expect(session.ask()?.sample).toEqual({ v: 255 });
  });
});

describe('TPE hands the model over from random proposals', () => {
  it('after exactly nStartupJobs trials', () => {
    const c = new Categorical([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], { label: 'c' });
    const calls = recordObservations(c);
    const session = start(new MutableDict({ c }), { nStartupJobs: 3 });
    for (let i = 0; i < 3; i++) {
      const p = session.ask()!;
      session.tell(p.id, { status: 'succeeded', value: i });
    }
    expect(calls).toHaveLength(0);
    session.ask();
    expect(calls.length).toBeGreaterThan(0);
  });
});

/** Checks that `obs` is sorted by value and, among equal values, by age (older trials weigh less). */
function expectSortedByValueThenAge(obs: { x: number[]; w: number[] }): void {
  for (let k = 1; k < obs.x.length; k++) {
    expect(obs.x[k]!).toBeGreaterThanOrEqual(obs.x[k - 1]!);
    if (obs.x[k] === obs.x[k - 1]) expect(obs.w[k]!).toBeGreaterThan(obs.w[k - 1]!);
  }
}

describe('TPE gives each decision model the observations', () => {
  it('of every succeeded trial, past the first 64, sorted by value and then by age', () => {
    const wide = new Categorical(
      Array.from({ length: 100 }, (_, i) => i),
      { label: 'wide' },
    );
    const narrow = new Categorical([0, 1, 2], { label: 'narrow' });
    const space = new MutableDict({ wide, narrow });
    const calls = recordObservations(wide);
    // Forgetting after one trial makes every older trial weigh a distinct amount.
    const session = start(space, { nStartupJobs: 75, linearForgetting: 1, gamma: 2 }, 4);
    const told: Sample[] = [];
    for (let i = 0; i < 75; i++) {
      const p = session.ask()!;
      told.push(p.sample);
      session.tell(p.id, { status: 'succeeded', value: ((i * 37) % 11) + (p.sample['narrow'] as number) });
    }
    expect(calls).toHaveLength(0);
    session.ask();
    for (const label of ['wide', 'narrow']) {
      const call = calls.find((c) => c.label === label)!;
      expectSortedByValueThenAge(call.good);
      expectSortedByValueThenAge(call.bad);
      // Both decisions encode a value as its index, which here is the value itself.
      const seen = [...call.good.x, ...call.bad.x].sort((a, b) => a - b);
      expect(seen).toEqual(told.map((s) => s[label] as number).sort((a, b) => a - b));
    }
  });

  it('only of the trials in which the decision was active', () => {
    const x = new Categorical([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], { label: 'x' });
    const y = new Categorical([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], { label: 'y' });
    const space = new NestedChoice({ left: new MutableDict({ x }), right: new MutableDict({ y }) }, { label: 'side' });
    const calls = recordObservations(x);
    const session = start(space, { nStartupJobs: 12 }, 2);
    const told: Sample[] = [];
    for (let i = 0; i < 12; i++) {
      const p = session.ask()!;
      told.push(p.sample);
      session.tell(p.id, { status: 'succeeded', value: i % 5 });
    }
    session.ask();
    for (const label of ['x', 'y']) {
      const call = calls.find((c) => c.label === label)!;
      const seen = [...call.good.x, ...call.bad.x].sort((a, b) => a - b);
      const active = told.filter((s) => Object.hasOwn(s, label)).map((s) => s[label] as number);
      expect(active.length).toBeGreaterThan(0);
      expect(active.length).toBeLessThan(12);
      expect(seen).toEqual(active.sort((a, b) => a - b));
    }
  });
});

describe('A TPE session that is done', () => {
  it('stays done, even once an outcome arrives that the model could use', () => {
    // Quantised to integers with a tiny spread: every random draw is 0.
    const x = new Numerical({ mu: 0, sigma: 1e-3, quantize: 1, label: 'x' });
    const space = new MutableDict({ x });
    fixCandidates(x, { x: [{ value: 5, score: 1 }] });
    const session = start(space, { nStartupJobs: 1 });
    const first = session.ask()!;
    expect(first.sample).toEqual({ x: 0 });
    // Nothing has succeeded yet, so the model cannot help, and random draws find nothing new.
    expect(session.ask()).toBeUndefined();
    expect(session.done).toBe(true);
    session.tell(first.id, { status: 'succeeded', value: 1 });
    expect(session.ask()).toBeUndefined();
    expect(session.done).toBe(true);
  });
});

describe('TPE without dedup', () => {
  it('repeats samples during the random start as well', () => {
    const space = new MutableDict({ x: new Categorical([1, 2], { label: 'x' }) });
    const session = start(space, { nStartupJobs: 10, dedup: false });
    const keys: string[] = [];
    for (let i = 0; i < 10; i++) {
      const p = session.ask();
      expect(p).toBeDefined();
      keys.push(sampleKey(p!.sample));
    }
    expect(new Set(keys).size).toBe(2);
    expect(session.done).toBe(false);
  });
});
