/**
 * The progress line and the closing summary over a real manager's store: with several objectives they
 * show the Pareto front — the brute-force non-dominated set of the succeeded trials that hold every
 * objective and meet every constraint, whatever order the trials were stored in, never a failed or
 * infeasible one; with one objective they rank by it in its direction; without objectives they are
 * what they always were.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromSearchSpaceJson } from '@archspace/mutables';
import { Random } from '@archspace/strategies';
import { ExperimentManager, type ManagerSettings } from '../manager/experiment-manager.js';
import type { ExperimentObjectives } from '../manager/objective-outcome.js';
import type { TrialJobStatus } from '../records.js';
import { MemoryStore } from '../store/memory-store.js';
import { endSummary } from './end-summary.js';
import { cachedFront, progressText } from './progress-line.js';

const dir = mkdtempSync(join(tmpdir(), 'archspace-front-cli-'));
const space = fromSearchSpaceJson({ x: { _type: 'choice', _value: [1, 2] } });

/** A stored trial: its status and final result (any status may have one: a trial can report, then crash). */
interface Stored {
  readonly sequenceId: number;
  readonly status: TrialJobStatus;
  readonly metrics: Record<string, number> | undefined;
}

/** A manager (never run) over a store holding `trials`, inserted in the order given. */
function managerOver(trials: readonly Stored[], goals: ExperimentObjectives | undefined, direction: 'maximize' | 'minimize'): ExperimentManager {
  const store = new MemoryStore();
  const settings: ManagerSettings = { id: 'front', dir, trialCommand: 'node none.js', trialCodeDirectory: dir, trialConcurrency: 1, seed: 1, direction, config: {}, ...(goals !== undefined ? { goals } : {}) };
  const manager = ExperimentManager.open('new', settings, { store, space, strategy: new Random() });
  for (const t of trials) {
    const trialJobId = `t${t.sequenceId}`;
    store.insertTrial({ trialJobId, sequenceId: t.sequenceId, status: t.status, parameterId: t.sequenceId, parameters: { x: 1 }, sample: { x: 1 } });
    if (t.metrics !== undefined) store.insertMetric({ trialJobId, parameterId: t.sequenceId, type: 'FINAL', sequence: 0, timestamp: 0, data: JSON.stringify(t.metrics) });
  }
  return manager;
}

/** The ids of the succeeded trials holding every metric and meeting every constraint that no other such trial dominates. */
function bruteForce(trials: readonly Stored[], goals: ExperimentObjectives): string[] {
  const ok = trials.filter(
    (t) =>
      t.status === 'SUCCEEDED' &&
      t.metrics !== undefined &&
      [...goals.objectives, ...goals.constraints].every(({ name }) => Object.hasOwn(t.metrics!, name)) &&
      goals.constraints.every((c) => (c.min === undefined || t.metrics![c.name]! >= c.min) && (c.max === undefined || t.metrics![c.name]! <= c.max)),
  );
  const atLeast = (a: Stored, b: Stored) => goals.objectives.every((o) => (o.direction === 'maximize' ? a.metrics![o.name]! >= b.metrics![o.name]! : a.metrics![o.name]! <= b.metrics![o.name]!));
  const dominates = (a: Stored, b: Stored) => atLeast(a, b) && !atLeast(b, a);
  return ok.filter((t) => !ok.some((s) => dominates(s, t))).map((t) => `t${t.sequenceId}`);
}

const GOALS: ExperimentObjectives = {
  objectives: [
    { name: 'default', direction: 'maximize' },
    { name: '__proto__', direction: 'minimize' },
  ],
  constraints: [{ name: 'latency', max: 1 }],
};

const storedTrial = fc.record({
  status: fc.constantFrom<TrialJobStatus>('SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED', 'FAILED', 'EARLY_STOPPED', 'RUNNING'),
  default: fc.integer({ min: -3, max: 3 }),
  extra: fc.uniqueArray(fc.tuple(fc.constantFrom('__proto__', 'latency'), fc.integer({ min: -1, max: 3 })), { selector: ([name]) => name }),
  reported: fc.boolean(),
});

/** The trial ids the summary's front lines name. */
const listedIds = (text: string) => [...text.matchAll(/^ {2}#\d+ {2}(t\d+) /gm)].map((m) => m[1]!);

describe('the CLI with several objectives', () => {
  it('shows the brute-force front of the succeeded, feasible trials, the same in any storing order', () => {
    fc.assert(
      fc.property(fc.array(storedTrial, { maxLength: 14 }), fc.infiniteStream(fc.nat()), (drawn, noise) => {
        const trials: Stored[] = drawn.map((d, sequenceId) => {
          // Written as JSON text: "__proto__" is an ordinary metric name.
          const metrics = JSON.parse(`{"default":${d.default}${d.extra.map(([k, v]) => `,"${k}":${v}`).join('')}}`) as Record<string, number>;
          return { sequenceId, status: d.status, metrics: d.reported ? metrics : undefined };
        });
        const shuffled = trials.map((t) => ({ t, key: noise.next().value as number })).sort((a, b) => a.key - b.key).map(({ t }) => t);
        const texts = [trials, shuffled].map((order) => {
          const manager = managerOver(order, GOALS, 'maximize');
          try {
            return { progress: progressText(manager), summary: endSummary('front', 'DONE', manager.store, manager.paretoFront()).text };
          } finally {
            manager.close();
          }
        });
        const expected = bruteForce(trials, GOALS);
        expect([...listedIds(texts[0]!.summary)].sort()).toEqual([...expected].sort());
        expect(texts[0]!.progress).toContain(`| front ${expected.length} ${expected.length === 1 ? 'trial' : 'trials'} |`);
        expect(texts[1]).toEqual(texts[0]);
      }),
      { numRuns: 60 },
    );
  });

  it('lists each front trial with every objective value after the counts', () => {
    const manager = managerOver(
      [
        { sequenceId: 0, status: 'SUCCEEDED', metrics: { default: 0.9, ['__proto__']: 5, latency: 0 } },
        { sequenceId: 1, status: 'SUCCEEDED', metrics: { default: 0.5, ['__proto__']: 1, latency: 0 } },
        { sequenceId: 2, status: 'SUCCEEDED', metrics: { default: 0.95, ['__proto__']: 0, latency: 2 } },
        { sequenceId: 3, status: 'FAILED', metrics: { default: 1, ['__proto__']: 0, latency: 0 } },
      ] as Stored[],
      GOALS,
      'maximize',
    );
    try {
      expect(endSummary('front', 'DONE', manager.store, manager.paretoFront()).text.split('\n')).toEqual([
        'experiment front ended: DONE (trials: 3 succeeded, 1 failed)',
        'the first failure reasons:',
        '  trial t3: no reason was recorded',
        'Pareto front: 2 trials by default ↑, __proto__ ↓, meeting 1 constraint:',
        '  #0  t0  default=0.900000  __proto__=5.00000',
        '  #1  t1  default=0.500000  __proto__=1.00000',
      ]);
    } finally {
      manager.close();
    }
  });

  it('recomputes the front for the progress line only when a trial succeeded', () => {
    const manager = managerOver([{ sequenceId: 0, status: 'SUCCEEDED', metrics: { default: 1, ['__proto__']: 1, latency: 0 } }], GOALS, 'maximize');
    try {
      let computed = 0;
      const compute = manager.paretoFront.bind(manager);
      manager.paretoFront = () => (computed++, compute());
      const frontOf = cachedFront(manager);
      frontOf();
      frontOf();
      expect(computed).toBe(1);
      manager.store.insertTrial({ trialJobId: 'n', sequenceId: 9, status: 'SUCCEEDED', parameterId: 9, parameters: {}, sample: {} });
      expect(frontOf().trials).toHaveLength(1);
      expect(computed).toBe(2);
    } finally {
      manager.close();
    }
  });
});

describe('the CLI with one objective', () => {
  const stored: Stored[] = [
    { sequenceId: 0, status: 'SUCCEEDED', metrics: { default: 0.9, loss: 0.3 } },
    { sequenceId: 1, status: 'SUCCEEDED', metrics: { default: 0.2, loss: 0.1 } },
    { sequenceId: 2, status: 'SUCCEEDED', metrics: { default: 0.5, loss: 0.7 } },
  ];
  const bestOf = (goals: ExperimentObjectives | undefined, direction: 'maximize' | 'minimize') => {
    const manager = managerOver(stored, goals, direction);
    try {
      return { progress: /\| (best [^|]*) \|/.exec(progressText(manager))![1], summary: endSummary('front', 'DONE', manager.store, manager.paretoFront()).text };
    } finally {
      manager.close();
    }
  };

  it('ranks a minimized objective by its smallest value, whatever the default metric says', () => {
    expect(bestOf({ objectives: [{ name: 'loss', direction: 'minimize' }], constraints: [] }, 'minimize').progress).toBe('best 0.100000');
    expect(bestOf({ objectives: [{ name: 'default', direction: 'minimize' }], constraints: [] }, 'minimize').progress).toBe('best 0.200000');
  });

  it('without objectives keeps the best final result in the direction, and the summary lists no front', () => {
    expect(bestOf(undefined, 'minimize').progress).toBe('best 0.200000');
    expect(bestOf(undefined, 'maximize').progress).toBe('best 0.900000');
    expect(bestOf(undefined, 'maximize').summary).toBe('experiment front ended: DONE (trials: 3 succeeded, 0 failed)');
    expect(bestOf({ objectives: [{ name: 'loss', direction: 'minimize' }], constraints: [] }, 'minimize').summary).toBe('experiment front ended: DONE (trials: 3 succeeded, 0 failed)');
  });
});
