/**
 * Guards for what TPE learns from (tpe.ts, `#observations` and the grouping in `#fromModel`): which
 * trials enter the model, the score a running trial gets under each constant liar, the order the
 * trials are ranked in (ties go to the earlier trial), the good group's values, and the linear
 * forgetting of each group.
 *
 * Most tests read the model through one proposal made with `priorWeight: 0` and dedup off: the good
 * density is then made of the good trials' values alone, so a categorical decision can only be given
 * a value some good trial had, and among those a value no bad trial had scores +∞. With a good group
 * of one trial the proposal is that trial's value, whatever the seed.
 */
import { describe, expect, it } from 'vitest';
import { Categorical, type Mutable, MutableDict, NestedChoice, type Sample, createRng } from '@archspace/mutables';
import type { RestoredTrial } from './strategy.js';
import { TPE, type TPEOptions } from './tpe.js';

const space = new MutableDict({ c: new Categorical([0, 1, 2, 3, 4, 5], { label: 'c' }) });

const ok = (c: number, value: number): RestoredTrial => ({ sample: { c }, outcome: { status: 'succeeded', value } });
const running = (c: number): RestoredTrial => ({ sample: { c } });
const failed = (c: number): RestoredTrial => ({ sample: { c }, outcome: { status: 'failed', error: 'boom' } });
const stopped = (c: number, value: number): RestoredTrial => ({ sample: { c }, outcome: { status: 'stopped', value, intermediates: [value] } });

/** A good group of one trial, whatever the number of observations. */
const ONE_GOOD = 1e-6;

/** The first model proposal after `history`, the same for every seed tried (else the test fails). */
function nextSample(history: readonly RestoredTrial[], options: TPEOptions, searchSpace: Mutable = space): Sample {
  const proposals = [1, 2, 3].map((seed) => {
    const session = new TPE({ nStartupJobs: 0, dedup: false, priorWeight: 0, ...options }).start({ space: searchSpace, rng: createRng(seed), direction: 'maximize' });
    session.restore(history);
    return session.ask()!.sample;
  });
  expect(proposals[1]).toEqual(proposals[0]);
  expect(proposals[2]).toEqual(proposals[0]);
  return proposals[0]!;
}

const nextC = (history: readonly RestoredTrial[], options: TPEOptions): number => nextSample(history, options)['c'] as number;

describe('TPE constant liar', () => {
  it("counts a running trial as tied with the best score under 'best', so an earlier running trial wins the tie for the good group", () => {
    const history = [ok(1, 0.3), running(2), ok(3, 0.9), ok(4, 0.5)];
    expect(nextC(history, { gamma: ONE_GOOD, constantLiar: 'best' })).toBe(2);
    expect(nextC([ok(1, 0.3), ok(2, 0.9), ok(3, 0.9), ok(4, 0.5)], { gamma: ONE_GOOD })).toBe(2);
  });

  it('models a running trial exactly as one that succeeded with the best, worst or mean score so far', () => {
    // gamma 1 with four observations: the good group is the best two. The worst trial shares c = 0
    // with the best, so of two good values the other one (no bad trial on it) is proposed.
    const cases = [
      { liar: 'worst', values: [0, 1, 5], lie: 0, expected: 1 },
      { liar: 'mean', values: [0, 1, 5], lie: 2, expected: 2 },
      { liar: 'mean', values: [-3, -2, 0], lie: -5 / 3, expected: 2 },
      { liar: 'best', values: [0, 1, 5], lie: 5, expected: 2 },
    ] as const;
    for (const { liar, values, lie, expected } of cases) {
      const [worst, middle, best] = values;
      const told = [ok(0, worst), ok(1, middle), ok(0, best)];
      const options: TPEOptions = { gamma: 1, constantLiar: liar };
      expect(nextC([...told, running(2)], options), `${liar} of ${values.join(', ')}`).toBe(expected);
      expect(nextC([...told, ok(2, lie)], options)).toBe(expected);
    }
  });

  it("leaves a running trial out of the model under 'none'", () => {
    const told = [ok(0, 0), ok(1, 1), ok(0, 5)];
    expect(nextC([...told, running(2)], { gamma: 1, constantLiar: 'none' })).toBe(1);
    expect(nextC(told, { gamma: 1, constantLiar: 'none' })).toBe(1);
  });

  it('counts each running trial as one observation when sizing the good group', () => {
    // gamma 0.48: one good trial of four observations, two of five. The best (c = 1) shares its value
    // with a bad trial, so a second good value (c = 0) would be proposed instead.
    const history = [ok(0, 0), ok(1, 5), ok(1, -1), running(2)];
    expect(nextC(history, { gamma: 0.48, constantLiar: 'worst' })).toBe(1);
    expect(nextC([ok(0, 0), ok(1, 5), ok(1, -1), running(2), running(3)], { gamma: 0.48, constantLiar: 'worst' })).toBe(0);
  });
});

describe('TPE observations', () => {
  it('leaves failed and stopped trials out of the model, even a stopped one with the best value', () => {
    // One good trial: without the other outcomes the proposal is c = 1.
    const base = [ok(1, 5), ok(3, 0)];
    for (const extra of [[failed(0)], [stopped(2, 10)], [failed(0), stopped(2, 10), failed(4)]]) {
      expect(nextC([...base, ...extra], { gamma: ONE_GOOD })).toBe(1);
    }
    expect(nextC(base, { gamma: ONE_GOOD })).toBe(1);
  });

  it('puts no failed trial in the bad group', () => {
    // Good c = 1 and c = 3; the bad trial on c = 3 makes c = 1 the proposal. A failed trial on c = 1
    // must not count against it.
    const history = [ok(1, 5), ok(3, 4), ok(3, 0)];
    expect(nextC(history, { gamma: 1 })).toBe(1);
    expect(nextC([...history, failed(1)], { gamma: 1 })).toBe(1);
    expect(nextC([failed(1), ...history], { gamma: 1 })).toBe(1);
  });

  it('gives every good trial its value in the good density, not only the smallest value', () => {
    // Good c = 0 and c = 2; a bad trial on c = 0 leaves c = 2 as the proposal.
    expect(nextC([ok(0, 5), ok(2, 4), ok(0, 0)], { gamma: 1 })).toBe(2);
    expect(nextC([ok(2, 5), ok(0, 4), ok(0, 0)], { gamma: 1 })).toBe(2);
  });

  it('proposes exactly the startup random samples until some trial has succeeded', () => {
    const proposals = (nStartupJobs: number) => {
      const session = new TPE({ nStartupJobs }).start({ space, rng: createRng(9), direction: 'maximize' });
      const out: Sample[] = [];
      for (let i = 0; i < 5; i++) {
        const p = session.ask()!;
        out.push(p.sample);
        session.tell(p.id, { status: 'failed' });
      }
      return out;
    };
    expect(proposals(0)).toEqual(proposals(100));
  });
});

describe('TPE linear forgetting', () => {
  // Two good trials (c = 1 and c = 3, full weight) and bad ones, oldest first. Of the two good values
  // the one with less bad weight is proposed. gamma 0.5 makes the good group two trials here.
  const good = [ok(1, 9), ok(3, 8)];
  const bad = [ok(1, 0), ok(1, 0), ok(3, 0), ok(5, 0)];

  it('weighs the bad group on the ramp of its own size: 1/m rising to 1 over its m − L oldest trials', () => {
    // Four bad trials with L = 2: the ramp is [1/4, 1, 1, 1], so c = 1 weighs 1.25 against 1 (a ramp
    // for five, [1/5, 3/5, 1, 1, 1], would make it 0.8).
    expect(nextC([...bad, ...good], { gamma: 0.5, linearForgetting: 2 })).toBe(3);
    expect(nextC([...bad, ...good], { gamma: 0.5, linearForgetting: 25 })).toBe(3);
    // Five bad trials with L = 2: [1/5, 3/5, 1, 1, 1] makes c = 1 weigh 1.8 against 2; unforgotten it is 3 against 2.
    const older = [ok(1, 0), ok(1, 0), ok(1, 0), ok(3, 0), ok(3, 0)];
    expect(nextC([...older, ...good], { gamma: 0.5, linearForgetting: 2 })).toBe(1);
    expect(nextC([...older, ...good], { gamma: 0.5, linearForgetting: 25 })).toBe(3);
  });

  it('places a trial on the ramp only among the trials where its decision was active', () => {
    const nested = new NestedChoice({ on: new MutableDict({ c: new Categorical([0, 1, 2, 3, 4, 5], { label: 'c' }) }), off: 'constant' }, { label: 'branch' });
    const on = (trial: RestoredTrial): RestoredTrial => ({ ...trial, sample: { branch: 'on', ...trial.sample } });
    const off: RestoredTrial = { sample: { branch: 'off' }, outcome: { status: 'succeeded', value: -1 } };
    // A bad trial in which `c` is inactive is no fifth place on c's ramp: it stays [1/4, 1, 1, 1].
    const history = [...bad.map(on), ...good.map(on), off];
    expect(nextSample(history, { gamma: 0.5, linearForgetting: 2 }, nested)).toEqual({ branch: 'on', c: 3 });
  });
});
