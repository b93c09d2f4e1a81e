/**
 * The Pareto front as the CLI prints it: best-first order that ignores the order trials finished in,
 * names that cannot forge a column, the progress word for one objective and for several, the cut list.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ParetoFront } from '../records.js';
import { rankedFront } from '../manager/pareto-front-view.js';
import { frontLines, frontTrialLine, objectiveLabel, objectivesText, resultsText } from './front-lines.js';

const TWO: ParetoFront['objectives'] = [
  { name: 'loss', direction: 'minimize' },
  { name: 'accuracy', direction: 'maximize' },
];

const trial = (sequenceId: number, values: number[]) => ({ trialJobId: `t${sequenceId}`, sequenceId, parameters: {}, values });

const front = (trials: ReturnType<typeof trial>[], objectives = TWO, constraints: ParetoFront['constraints'] = []): ParetoFront => ({ objectives, constraints, configured: true, trials });

describe('front lines', () => {
  it('lists the front best-first by the first objective in its direction, each objective named with its value', () => {
    const lines = frontLines(front([trial(3, [0.5, 0.9]), trial(1, [0.2, 0.7]), trial(2, [0.9, 0.95])]));
    expect(lines).toEqual([
      'Pareto front: 3 trials by loss ↓, accuracy ↑:',
      '  #1  t1  loss=0.200000  accuracy=0.700000',
      '  #3  t3  loss=0.500000  accuracy=0.900000',
      '  #2  t2  loss=0.900000  accuracy=0.950000',
    ]);
  });

  it('breaks ties by the next objective, then by sequence id', () => {
    const ranked = rankedFront(front([trial(5, [1, 2]), trial(4, [1, 3]), trial(2, [1, 3])]));
    expect(ranked.map((t) => t.sequenceId)).toEqual([2, 4, 5]);
  });

  it('gives the same lines whatever order the trials come in', () => {
    const trials = fc.uniqueArray(fc.tuple(fc.nat(50), fc.integer({ min: -3, max: 3 }), fc.integer({ min: -3, max: 3 })), { selector: ([s]) => s, maxLength: 12 });
    fc.assert(
      fc.property(trials, fc.infiniteStream(fc.nat()), (drawn, noise) => {
        const listed = drawn.map(([s, a, b]) => trial(s, [a, b]));
        const shuffled = listed.map((t) => ({ t, key: noise.next().value as number })).sort((x, y) => x.key - y.key).map(({ t }) => t);
        expect(frontLines(front(shuffled))).toEqual(frontLines(front(listed)));
      }),
      { numRuns: 200 },
    );
  });

  it('cuts the list after `limit` trials and says how many more there are and where they are', () => {
    const lines = frontLines(front([trial(0, [1, 1]), trial(1, [2, 2]), trial(2, [3, 3])]), 2, 'archspace front x lists them all');
    expect(lines.slice(1)).toEqual(['  #0  t0  loss=1.00000  accuracy=1.00000', '  #1  t1  loss=2.00000  accuracy=2.00000', '  … and 1 more (archspace front x lists them all)']);
  });

  it('titles an empty front, a one-objective front and constraints', () => {
    expect(frontLines(front([], TWO, [{ name: 'latency', max: 5 }]))).toEqual(['Pareto front by loss ↓, accuracy ↑, meeting 1 constraint: no succeeded trial yet']);
    const one: ParetoFront['objectives'] = [{ name: 'loss', direction: 'minimize' }];
    expect(frontLines(front([trial(1, [0.1]), trial(4, [0.1])], one))[0]).toBe('best 2 trials (tied) by loss ↓:');
    expect(frontLines(front([trial(1, [0.1])], one))[0]).toBe('best trial by loss ↓:');
    expect(frontLines(front([], one))).toEqual(['best trial by loss ↓: no succeeded trial yet']);
  });

  it('writes a name that is not plain as a JSON string, so it cannot forge a column or a line', () => {
    expect(objectiveLabel('val/acc-top1')).toBe('val/acc-top1');
    expect(objectiveLabel('a b=1\n#9')).toBe('"a b=1\\n#9"');
    expect(objectiveLabel('x'.repeat(50))).toBe(JSON.stringify(`${'x'.repeat(40)}…`));
    expect(objectivesText([{ name: '__proto__', direction: 'maximize' }, { name: 'constructor', direction: 'minimize' }])).toBe('__proto__ ↑, constructor ↓');
    expect(frontTrialLine(trial(0, [1, 2]), [{ name: 'a b', direction: 'maximize' }, { name: 'c', direction: 'maximize' }])).toBe('#0  t0  "a b"=1.00000  c=2.00000');
  });

  it('says the front size for several objectives and the best value for one', () => {
    expect(resultsText(front([trial(0, [1, 1]), trial(1, [2, 2])]))).toBe('front 2 trials');
    expect(resultsText(front([trial(0, [1, 1])]))).toBe('front 1 trial');
    expect(resultsText(front([]))).toBe('front 0 trials');
    expect(resultsText(front([trial(0, [0.25])], [{ name: 'loss', direction: 'minimize' }]))).toBe('best 0.250000');
    expect(resultsText(front([], [{ name: 'loss', direction: 'minimize' }]))).toBe('best -');
  });
});
