/**
 * Multi-objective experiments through the real manager: trials report records of metrics, the
 * strategy is told each trial's objective vector and constraint violation (also on resume), a trial
 * lacking a metric fails naming it while the experiment goes on, and the REST front (read by the
 * client) is the brute-force non-dominated set of the stored, feasible trials.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NSGA2, type Outcome, type RestoredTrial, type Strategy, type StrategyContext, TPE } from '@archspace/strategies';
import { Experiment } from '../client/experiment.js';
import { startRestServer } from '../rest/rest-server.js';
import type { ExperimentStore } from '../store/experiment-store.js';
import { ExperimentManager, type ManagerSettings } from './experiment-manager.js';
import type { ExperimentObjectives } from './objective-outcome.js';
import { managerFixture } from './test-support/manager-fixture.js';

const GOALS: ExperimentObjectives = {
  objectives: [
    { name: 'default', direction: 'maximize' },
    { name: 'flops', direction: 'minimize' },
  ],
  constraints: [{ name: 'latency', max: 6 }],
};

/** Each trial's metrics, from x: x = 7 and 8 break the latency bound. */
const METRICS = `const metrics = { default: (x * 37 % 11) / 10, flops: x * 53 % 13, latency: x };`;

/** A strategy that records what its sessions are started with, told and restored with. */
function recording(inner: Strategy): { strategy: Strategy; contexts: StrategyContext[]; told: Outcome[]; restored: RestoredTrial[] } {
  const contexts: StrategyContext[] = [];
  const told: Outcome[] = [];
  const restored: RestoredTrial[] = [];
  const strategy: Strategy = {
    name: inner.name,
    multiObjective: inner.multiObjective === true,
    start(context) {
      contexts.push(context);
      const session = inner.start(context);
      const tell = session.tell.bind(session);
      const restore = session.restore.bind(session);
      session.tell = (id, outcome) => {
        told.push(outcome);
        tell(id, outcome);
      };
      session.restore = (entries) => {
        restored.push(...entries);
        return restore(entries);
      };
      return session;
    },
  };
  return { strategy, contexts, told, restored };
}

/** The ids of the stored succeeded trials that meet the constraints and that no other such trial dominates. */
function bruteForceFront(store: ExperimentStore, goals: ExperimentObjectives): string[] {
  const finals = new Map(store.finalMetrics().map((m) => [m.trialJobId, JSON.parse(m.data) as Record<string, number>]));
  const rows = store
    .listTrials({ status: 'SUCCEEDED' })
    .map((t) => ({ id: t.trialJobId, m: finals.get(t.trialJobId)! }))
    .filter(({ m }) => goals.constraints.every((c) => (c.min === undefined || m[c.name]! >= c.min) && (c.max === undefined || m[c.name]! <= c.max)));
  const atLeast = (a: Record<string, number>, b: Record<string, number>) => goals.objectives.every((o) => (o.direction === 'maximize' ? a[o.name]! >= b[o.name]! : a[o.name]! <= b[o.name]!));
  const dominates = (a: Record<string, number>, b: Record<string, number>) => atLeast(a, b) && goals.objectives.some((o) => a[o.name] !== b[o.name]);
  return rows.filter((r) => !rows.some((s) => dominates(s.m, r.m))).map((r) => r.id);
}

describe('an experiment with two objectives and a constraint', () => {
  it.each([
    ['NSGA2', () => new NSGA2({ populationSize: 4 })],
    ['TPE', () => new TPE({ nStartupJobs: 3 })],
  ])('runs to completion with %s, tells vectors, and serves the front', async (_name, make) => {
    const fixture = managerFixture(`${METRICS} out('FINAL', 0, metrics);`, { xs: [1, 2, 3, 4, 5, 6, 7, 8], settings: { goals: GOALS } });
    const { strategy, contexts, told } = recording(make());
    const manager = ExperimentManager.open('new', fixture.settings, { store: fixture.store, space: fixture.space, strategy });
    expect(await manager.run()).toBe('DONE');
    expect(contexts[0]!.objectives).toEqual(['maximize', 'minimize']);

    const trials = fixture.store.listTrials();
    expect(trials.length).toBe(8);
    expect(trials.every((t) => t.status === 'SUCCEEDED')).toBe(true);
    for (const trial of trials) {
      const x = trial.parameters['x'] as number;
      const [final] = fixture.store.listMetrics({ trialJobId: trial.trialJobId, type: 'FINAL' });
      expect(JSON.parse(final!.data)).toEqual({ default: ((x * 37) % 11) / 10, flops: (x * 53) % 13, latency: x });
    }
    expect(told.length).toBe(8);
    for (const outcome of told) {
      expect(outcome.status).toBe('succeeded');
      const { objectives, violation, value } = outcome as { readonly objectives: readonly number[]; readonly violation?: number; readonly value: number };
      expect(objectives.length).toBe(2);
      expect(value).toBe(objectives[0]);
      expect(violation === undefined || violation > 0).toBe(true);
    }
    // x = 7 and 8 break latency ≤ 6 by 1/6 and 2/6.
    expect(told.map((o) => (o as { violation?: number }).violation ?? 0).filter((v) => v > 0).sort()).toEqual([1 / 6, 2 / 6]);

    const server = await startRestServer(manager, { onError: () => {} });
    try {
      const front = await (await Experiment.connect(server.url)).getParetoFront();
      expect(front.configured).toBe(true);
      expect(front.objectives).toEqual(GOALS.objectives);
      expect(front.constraints).toEqual(GOALS.constraints);
      expect(front.trials.length).toBeGreaterThan(0);
      expect(front.trials.map((t) => t.trialJobId)).toEqual(bruteForceFront(fixture.store, GOALS));
      for (const t of front.trials) {
        const x = t.parameters['x'] as number;
        expect(x).toBeLessThanOrEqual(6);
        expect(t.values).toEqual([((x * 37) % 11) / 10, (x * 53) % 13]);
      }
    } finally {
      await server.close();
      manager.close();
    }
  }, 60_000);

  it('fails a trial whose final result lacks a metric or holds a non-number, naming it, and goes on', async () => {
    const body = `${METRICS}
      if (x === 2) { out('FINAL', 0, { default: 0.5, latency: 1 }); return; }
      if (x === 3) { out('FINAL', 0, { ...metrics, flops: null }); return; }
      if (x === 4) { out('FINAL', 0, 0.7); return; }
      out('FINAL', 0, metrics);`;
    const fixture = managerFixture(body, { xs: [1, 2, 3, 4, 5], settings: { goals: GOALS } });
    const { strategy, told } = recording(new NSGA2({ populationSize: 4 }));
    const manager = ExperimentManager.open('new', fixture.settings, { store: fixture.store, space: fixture.space, strategy });
    expect(await manager.run()).toBe('DONE');
    manager.close();
    const byX = new Map(fixture.store.listTrials().map((t) => [t.parameters['x'], t]));
    expect(byX.get(2)).toMatchObject({ status: 'FAILED', message: 'the trial reported no metric "flops" (it reported "default", "latency")' });
    expect(byX.get(3)).toMatchObject({ status: 'FAILED', message: 'the metric "flops" is null, not a finite number' });
    // A plain number is { default: n }: it lacks flops too.
    expect(byX.get(4)).toMatchObject({ status: 'FAILED', message: 'the trial reported no metric "flops" (it reported "default")' });
    for (const x of [1, 5]) expect(byX.get(x)!.status).toBe('SUCCEEDED');
    expect(told.filter((o) => o.status === 'failed').map((o) => (o as { error: string }).error).sort()).toEqual([
      byX.get(3)!.message,
      byX.get(4)!.message,
      byX.get(2)!.message,
    ].sort());
  }, 60_000);
});

describe('resuming a multi-objective experiment', () => {
  it('restores the strategy with every stored vector and settles results found on disk by the objectives', async () => {
    const fixture = managerFixture(`${METRICS} out('FINAL', 0, metrics);`, { xs: [1, 2, 3, 4, 5, 6], sqlite: true, settings: { goals: GOALS, maxTrialNumber: 6 } });
    const { store, dir } = fixture;
    store.saveExperiment({ id: 'fixture', config: {}, status: 'RUNNING', startTime: 1, execDuration: 5, nextSequenceId: 4, revision: 0, logDir: dir });
    const line = (value: unknown) => `${JSON.stringify({ type: 'FINAL', sequence: 0, parameter_id: 0, value: JSON.stringify(value), timestamp: 1000 })}\n`;
    const trial = (id: string, x: number, status: 'RUNNING' | 'SUCCEEDED', file?: string) => {
      const logPath = join(dir, 'trials', id);
      mkdirSync(logPath, { recursive: true });
      if (file !== undefined) writeFileSync(join(logPath, 'metrics.jsonl'), file);
      store.insertTrial({ trialJobId: id, sequenceId: x - 1, status, parameterId: x - 1, parameters: { x }, sample: { x }, logPath });
    };
    // Finished before the stop, its result in the store; and one with an infeasible result.
    trial('stored', 1, 'SUCCEEDED');
    store.insertMetric({ trialJobId: 'stored', parameterId: 0, type: 'FINAL', sequence: 0, timestamp: 1000, data: JSON.stringify({ default: 0.4, flops: 3, latency: 2 }) });
    trial('slow', 2, 'SUCCEEDED');
    store.insertMetric({ trialJobId: 'slow', parameterId: 1, type: 'FINAL', sequence: 0, timestamp: 1000, data: JSON.stringify({ default: 0.9, flops: 1, latency: 9 }) });
    // Finished on disk while no manager read it; and one whose result on disk lacks flops.
    trial('onDisk', 3, 'RUNNING', line({ default: 0.6, flops: 2, latency: 1 }));
    trial('partial', 4, 'RUNNING', line({ default: 0.6, latency: 1 }));

    const { strategy, restored } = recording(new NSGA2({ populationSize: 4 }));
    const manager = ExperimentManager.open('resume', fixture.settings, { store: fixture.reopen(), space: fixture.space, strategy });
    expect(manager.recovery).toMatchObject({ kept: ['onDisk'], failed: ['partial'], interrupted: [] });
    expect(store.getTrial('partial')).toMatchObject({ status: 'FAILED', message: 'the trial reported no metric "flops" (it reported "default", "latency")' });
    const outcomes = new Map(restored.map((r) => [r.sample['x'], r.outcome]));
    expect(outcomes.get(1)).toEqual({ status: 'succeeded', value: 0.4, objectives: [0.4, 3], intermediates: [] });
    expect(outcomes.get(2)).toEqual({ status: 'succeeded', value: 0.9, objectives: [0.9, 1], violation: 0.5, intermediates: [] });
    expect(outcomes.get(3)).toEqual({ status: 'succeeded', value: 0.6, objectives: [0.6, 2], intermediates: [] });
    expect(outcomes.get(4)?.status).toBe('failed');

    expect(await manager.run()).toBe('DONE');
    // The infeasible trial (x = 2) dominates every other but is never on the front.
    const front = manager.paretoFront();
    expect(front.trials.map((t) => t.trialJobId)).toEqual(bruteForceFront(store, GOALS));
    expect(front.trials.some((t) => t.trialJobId === 'slow')).toBe(false);
    manager.close();
  }, 60_000);
});

describe('settings the manager refuses', () => {
  const open = (settings: Partial<ManagerSettings>, strategy: Strategy) => {
    const fixture = managerFixture(`out('FINAL', 0, 1);`, { settings });
    return () => ExperimentManager.open('new', fixture.settings, { store: fixture.store, space: fixture.space, strategy });
  };

  it('several objectives with a strategy that searches one value, and a direction that disagrees', async () => {
    const { RegularizedEvolution } = await import('@archspace/strategies');
    expect(open({ goals: GOALS }, new RegularizedEvolution())).toThrow('RegularizedEvolution searches one value, not 2 objectives; use a strategy that searches several (NSGA2, TPE, LocalSearch, Random, GridSearch)');
    expect(open({ goals: GOALS, direction: 'minimize' }, new NSGA2())).toThrow('the direction "minimize" disagrees with the first objective\'s "maximize"');
    const twice = { objectives: [GOALS.objectives[0]!, GOALS.objectives[0]!], constraints: [] };
    expect(open({ goals: twice }, new NSGA2())).toThrow('settings.goals: the objective "default" is named twice');
  });
});
