/**
 * The contract every {@link ExperimentStore} keeps, as one vitest suite that each store's test file
 * runs against its own factory — the way Optuna tests all its storages with one suite. A new store is
 * correct when it passes this suite; store-specific behaviour (files, processes) is tested beside it.
 *
 * @example
 * ```ts
 * // memory-store.test.ts
 * storeContract('MemoryStore', () => new MemoryStore());
 * ```
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { TRIAL_JOB_STATUSES, type ExperimentRow, type MetricRow, type TrialJobStatus, type TrialRow } from '../../records.js';
import type { ExperimentStore } from '../experiment-store.js';
import { StoreError } from '../store-error.js';

/** A trial row for tests: sequence `i`, id `t<i>`, WAITING, with small parameters. */
export function sampleTrial(i: number, overrides: Partial<TrialRow> = {}): TrialRow {
  return { trialJobId: `t${i}`, sequenceId: i, status: 'WAITING', parameterId: i, parameters: { lr: 0.1 * (i + 1), layers: i }, sample: { lr: 0.1 * (i + 1), layers: i }, ...overrides };
}

/** An experiment row for tests. */
export function sampleExperiment(overrides: Partial<ExperimentRow> = {}): ExperimentRow {
  return {
    id: 'exp1',
    config: { trialCommand: 'node trial.js', trialConcurrency: 2, searchSpace: { lr: { _type: 'uniform', _value: [0, 1] } } },
    status: 'RUNNING',
    startTime: 1_700_000_000_000,
    execDuration: 0,
    nextSequenceId: 0,
    revision: 0,
    logDir: '/tmp/archspace/exp1',
    ...overrides,
  };
}

/** A metric row for tests. */
export function sampleMetric(trialJobId: string, overrides: Partial<MetricRow> = {}): MetricRow {
  return { trialJobId, parameterId: 0, type: 'PERIODICAL', sequence: 0, timestamp: 1_700_000_000_000, data: '0.5', ...overrides };
}

/** The `StoreError` that `fn` throws (failing the test if it throws something else, or nothing). */
export function storeErrorOf(fn: () => unknown): StoreError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(StoreError);
    return error as StoreError;
  }
  throw new Error('expected a StoreError, but nothing was thrown');
}

/** Registers the shared store tests for the store that `open` makes (a new, empty one per test). */
export function storeContract(name: string, open: () => ExperimentStore): void {
  describe(`${name} keeps the ExperimentStore contract`, () => {
    let opened: ExperimentStore[] = [];
    const fresh = (): ExperimentStore => {
      const store = open();
      opened.push(store);
      return store;
    };
    afterEach(() => {
      for (const store of opened) store.close();
      opened = [];
    });

    describe('experiment', () => {
      it('a new store is empty', () => {
        const store = fresh();
        expect(store.readonly).toBe(false);
        expect(store.getExperiment()).toBeUndefined();
        expect(store.listTrials()).toEqual([]);
        expect(store.countTrials()).toBe(0);
        expect(store.listMetrics()).toEqual([]);
        expect(store.finalMetrics()).toEqual([]);
        expect(store.trialJobInfosJson()).toBe('[]');
        expect(Object.values(store.trialStatistics()).every((n) => n === 0)).toBe(true);
      });

      it('saves and reads back the experiment, absent optional fields staying absent', () => {
        const store = fresh();
        const row = sampleExperiment();
        store.saveExperiment(row);
        expect(store.getExperiment()).toStrictEqual(row);
        const ended = sampleExperiment({ status: 'DONE', endTime: 1_700_000_100_000, error: 'none', execDuration: 12.5 });
        store.saveExperiment(ended);
        expect(store.getExperiment()).toStrictEqual(ended);
      });

      it('refuses to save a different experiment into a store that holds one', () => {
        const store = fresh();
        store.saveExperiment(sampleExperiment());
        const error = storeErrorOf(() => store.saveExperiment(sampleExperiment({ id: 'other' })));
        expect(error.code).toBe('experiment-mismatch');
        expect(error.path).toEqual(['id']);
        expect(store.getExperiment()!.id).toBe('exp1');
      });

      it('updateExperiment merges the patch, bumps the revision and clears fields set to undefined', () => {
        const store = fresh();
        store.saveExperiment(sampleExperiment({ endTime: 5, revision: 3 }));
        const next = store.updateExperiment({ status: 'STOPPED', nextSequenceId: 7, endTime: undefined });
        expect(next).toStrictEqual(sampleExperiment({ status: 'STOPPED', nextSequenceId: 7, revision: 4 }));
        expect(store.getExperiment()).toStrictEqual(next);
        expect(store.updateExperiment({}).revision).toBe(5);
      });

      it('updateExperiment refuses a missing experiment, a changed id and an invalid status', () => {
        const store = fresh();
        expect(storeErrorOf(() => store.updateExperiment({ status: 'DONE' })).code).toBe('no-experiment');
        store.saveExperiment(sampleExperiment());
        expect(storeErrorOf(() => store.updateExperiment({ id: 'x' } as never)).path).toEqual(['id']);
        const error = storeErrorOf(() => store.updateExperiment({ status: 'FINISHED' as never }));
        expect(error.code).toBe('invalid-row');
        expect(error.path).toEqual(['status']);
        expect(error.message).toContain('FINISHED');
        expect(store.getExperiment()!.revision).toBe(0);
      });
    });

    describe('trials', () => {
      it('inserts and reads back trials, absent optional fields staying absent', () => {
        const store = fresh();
        const bare = sampleTrial(0);
        const full = sampleTrial(1, { status: 'RUNNING', budget: 2.5, startTime: 10, endTime: 20, message: 'm', logPath: '/tmp/t1', pid: 4242 });
        store.insertTrial(bare);
        store.insertTrial(full);
        expect(store.getTrial('t0')).toStrictEqual(bare);
        expect(store.getTrial('t1')).toStrictEqual(full);
        expect(store.getTrial('nope')).toBeUndefined();
      });

      it('refuses a duplicate trial id or sequence id, keeping the first trial', () => {
        const store = fresh();
        store.insertTrial(sampleTrial(0));
        const byId = storeErrorOf(() => store.insertTrial(sampleTrial(1, { trialJobId: 't0' })));
        expect([byId.code, byId.path]).toEqual(['duplicate-trial', ['trialJobId']]);
        const bySequence = storeErrorOf(() => store.insertTrial(sampleTrial(0, { trialJobId: 'fresh' })));
        expect([bySequence.code, bySequence.path]).toEqual(['duplicate-sequence-id', ['sequenceId']]);
        expect(store.listTrials()).toStrictEqual([sampleTrial(0)]);
      });

      it('refuses rows that break the record types, naming the field', () => {
        const store = fresh();
        const cases: [Partial<TrialRow> | Record<string, unknown>, (string | number)[]][] = [
          [{ status: 'DONE' as TrialJobStatus }, ['status']],
          [{ trialJobId: '' }, ['trialJobId']],
          [{ sequenceId: -1 }, ['sequenceId']],
          [{ sequenceId: 1.5 }, ['sequenceId']],
          [{ startTime: Number.NaN }, ['startTime']],
          [{ budget: Number.POSITIVE_INFINITY }, ['budget']],
          [{ parameters: { lr: Number.NaN } }, ['parameters', 'lr']],
          [{ parameters: { when: new Date(0) } }, ['parameters', 'when']],
          [{ sample: { list: [1, undefined] } as never }, ['sample', 'list', 1]],
          [{ parameters: [1, 2] as never }, ['parameters']],
          [{ message: 'broken \uD800 text' }, ['message']],
        ];
        for (const [overrides, path] of cases) {
          const error = storeErrorOf(() => store.insertTrial({ ...sampleTrial(0), ...overrides } as TrialRow));
          expect(error.code).toBe('invalid-row');
          expect(error.path).toEqual(path);
          expect(error.expected).toBeDefined();
        }
        const cyclic: Record<string, unknown> = {};
        cyclic.self = cyclic;
        expect(storeErrorOf(() => store.insertTrial(sampleTrial(0, { parameters: cyclic }))).path).toEqual(['parameters', 'self']);
        expect(store.countTrials()).toBe(0);
      });

      it('keeps a trial\'s process identity beside its pid, and clears both', () => {
        const store = fresh();
        store.insertTrial(sampleTrial(0, { pid: 42, processIdentity: 'boot/123' }));
        expect(store.getTrial('t0')).toMatchObject({ pid: 42, processIdentity: 'boot/123' });
        const cleared = store.updateTrial('t0', { pid: undefined, processIdentity: undefined });
        expect('pid' in cleared || 'processIdentity' in cleared).toBe(false);
        expect(storeErrorOf(() => store.updateTrial('t0', { processIdentity: 7 as never })).path).toEqual(['processIdentity']);
      });

      it('updateTrial merges the patch, clears fields set to undefined and returns the new row', () => {
        const store = fresh();
        store.insertTrial(sampleTrial(0, { pid: 99 }));
        const running = store.updateTrial('t0', { status: 'RUNNING', startTime: 100 });
        expect(running).toStrictEqual(sampleTrial(0, { pid: 99, status: 'RUNNING', startTime: 100 }));
        const done = store.updateTrial('t0', { status: 'SUCCEEDED', endTime: 200, pid: undefined });
        expect(done).toStrictEqual(sampleTrial(0, { status: 'SUCCEEDED', startTime: 100, endTime: 200 }));
        expect(store.getTrial('t0')).toStrictEqual(done);
      });

      it('updateTrial refuses an unknown trial, a changed id or sequence id and a removed required field', () => {
        const store = fresh();
        store.insertTrial(sampleTrial(0));
        expect(storeErrorOf(() => store.updateTrial('nope', { status: 'FAILED' })).code).toBe('unknown-trial');
        expect(storeErrorOf(() => store.updateTrial('t0', { trialJobId: 'x' } as never)).path).toEqual(['trialJobId']);
        expect(storeErrorOf(() => store.updateTrial('t0', { sequenceId: 3 } as never)).path).toEqual(['sequenceId']);
        expect(storeErrorOf(() => store.updateTrial('t0', { status: undefined })).path).toEqual(['status']);
        expect(store.getTrial('t0')).toStrictEqual(sampleTrial(0));
      });

      it('lists trials in sequence order whatever the insertion order, filtered and paged', () => {
        const store = fresh();
        for (const i of [3, 0, 4, 1, 2]) store.insertTrial(sampleTrial(i, { status: i % 2 === 0 ? 'SUCCEEDED' : 'FAILED' }));
        expect(store.listTrials().map((t) => t.sequenceId)).toEqual([0, 1, 2, 3, 4]);
        expect(store.listTrials({ status: 'SUCCEEDED' }).map((t) => t.sequenceId)).toEqual([0, 2, 4]);
        expect(store.listTrials({ offset: 1, limit: 2 }).map((t) => t.sequenceId)).toEqual([1, 2]);
        expect(store.listTrials({ status: 'SUCCEEDED', offset: 1 }).map((t) => t.sequenceId)).toEqual([2, 4]);
        expect(store.listTrials({ limit: 0 })).toEqual([]);
        expect(store.listTrials({ offset: 9 })).toEqual([]);
        expect(storeErrorOf(() => store.listTrials({ offset: -1 })).path).toEqual(['offset']);
        expect(storeErrorOf(() => store.listTrials({ limit: 1.5 })).path).toEqual(['limit']);
        expect(storeErrorOf(() => store.listTrials({ status: 'DONE' as never })).code).toBe('invalid-query');
      });

      it('counts trials and their statuses', () => {
        const store = fresh();
        const statuses: TrialJobStatus[] = ['RUNNING', 'SUCCEEDED', 'SUCCEEDED', 'FAILED', 'SUCCEEDED'];
        statuses.forEach((status, i) => store.insertTrial(sampleTrial(i, { status })));
        expect(store.countTrials()).toBe(5);
        expect(store.countTrials('SUCCEEDED')).toBe(3);
        expect(store.countTrials('WAITING')).toBe(0);
        const statistics = store.trialStatistics();
        expect(Object.keys(statistics).sort()).toEqual([...TRIAL_JOB_STATUSES].sort());
        expect(statistics).toMatchObject({ RUNNING: 1, SUCCEEDED: 3, FAILED: 1, WAITING: 0 });
      });

      it('returns copies: changing a row passed in or read out never changes the store', () => {
        const store = fresh();
        const row = sampleTrial(0, { parameters: { nested: { a: [1, 2] } } });
        store.insertTrial(row);
        (row.parameters.nested as { a: number[] }).a.push(3);
        const read = store.getTrial('t0')!;
        (read.parameters.nested as { a: number[] }).a.push(4);
        expect(store.getTrial('t0')!.parameters).toEqual({ nested: { a: [1, 2] } });
      });
    });

    describe('metrics', () => {
      it('lists metrics by timestamp, then in insertion order (a trial reports in order), filtered by trial and type', () => {
        const store = fresh();
        store.insertTrial(sampleTrial(0));
        store.insertTrial(sampleTrial(1));
        const m = (trialJobId: string, timestamp: number, sequence: number, type: MetricRow['type'] = 'PERIODICAL', data = `${timestamp}.${sequence}`) =>
          sampleMetric(trialJobId, { timestamp, sequence, type, data });
        const added = [m('t0', 20, 1), m('t1', 10, 0), m('t0', 20, 0), m('t1', 30, 0, 'FINAL'), m('t0', 10, 0, 'PERIODICAL', '"first"'), m('t0', 10, 0, 'PERIODICAL', '"second"')];
        for (const metric of added) store.insertMetric(metric);
        // Same timestamp: insertion order, even when a later line has a smaller sequence (a FINAL after PERIODICAL #1).
        expect(store.listMetrics()).toStrictEqual([added[1], added[4], added[5], added[0], added[2], added[3]]);
        expect(store.listMetrics({ trialJobId: 't0' })).toStrictEqual([added[4], added[5], added[0], added[2]]);
        expect(store.listMetrics({ type: 'FINAL' })).toStrictEqual([added[3]]);
        expect(store.listMetrics({ trialJobId: 't0', type: 'FINAL' })).toEqual([]);
        expect(storeErrorOf(() => store.listMetrics({ type: 'NOPE' as never })).path).toEqual(['type']);
      });

      it('refuses a metric of an unknown trial or whose data is not JSON text', () => {
        const store = fresh();
        store.insertTrial(sampleTrial(0));
        expect(storeErrorOf(() => store.insertMetric(sampleMetric('nope'))).code).toBe('unknown-trial');
        const notJson = storeErrorOf(() => store.insertMetric(sampleMetric('t0', { data: '{oops' })));
        expect([notJson.code, notJson.path]).toEqual(['invalid-row', ['data']]);
        expect(storeErrorOf(() => store.insertMetric(sampleMetric('t0', { type: 'LAST' as never }))).path).toEqual(['type']);
        expect(store.listMetrics()).toEqual([]);
      });

      it('finalMetrics gives the first FINAL metric of each trial, in trial sequence order', () => {
        const store = fresh();
        for (const i of [2, 0, 1]) store.insertTrial(sampleTrial(i));
        const first2 = sampleMetric('t2', { type: 'FINAL', timestamp: 5, data: '0.2' });
        const first0 = sampleMetric('t0', { type: 'FINAL', timestamp: 9, data: '{"default":0.9,"loss":1}' });
        store.insertMetric(first2);
        store.insertMetric(sampleMetric('t1', { type: 'PERIODICAL', data: '0.1' }));
        store.insertMetric(first0);
        store.insertMetric(sampleMetric('t2', { type: 'FINAL', timestamp: 1, data: '0.3' }));
        expect(store.finalMetrics()).toStrictEqual([first0, first2]);
      });

      it('insertMetrics adds a batch in order, or nothing when a row is refused (its index leads the error path)', () => {
        const store = fresh();
        store.insertTrial(sampleTrial(0));
        store.insertTrial(sampleTrial(1));
        const batch = [sampleMetric('t0', { sequence: 0, data: '0.1' }), sampleMetric('t1', { type: 'FINAL', data: '0.9' }), sampleMetric('t0', { sequence: 1, data: '0.2' })];
        store.insertMetrics(batch);
        expect(store.listMetrics()).toStrictEqual(batch);
        expect(store.getTrialJobInfo('t1')?.finalMetricData).toHaveLength(1);
        const bad = storeErrorOf(() => store.insertMetrics([sampleMetric('t0', { sequence: 2 }), sampleMetric('t0', { data: 'NaN' })]));
        expect(bad.path).toEqual([1, 'data']);
        const unknown = storeErrorOf(() => store.insertMetrics([sampleMetric('t0', { sequence: 3 }), sampleMetric('nope')]));
        expect(unknown.code).toBe('unknown-trial');
        expect(store.listMetrics()).toStrictEqual(batch);
        store.insertMetrics([]);
        expect(store.listMetrics()).toHaveLength(3);
      });

      it('deleteMetrics removes one trial\'s metrics and its final from the listing, and is undone with its transaction', () => {
        const store = fresh();
        store.insertTrial(sampleTrial(0));
        store.insertTrial(sampleTrial(1));
        const kept = sampleMetric('t1', { type: 'FINAL', data: '0.7' });
        store.insertMetric(sampleMetric('t0', { data: '0.1' }));
        store.insertMetric(sampleMetric('t0', { type: 'FINAL', data: '0.2' }));
        store.insertMetric(kept);
        expect(() =>
          store.transaction(() => {
            store.deleteMetrics('t0');
            expect(store.listMetrics({ trialJobId: 't0' })).toEqual([]);
            throw new Error('undo');
          }),
        ).toThrow('undo');
        expect(store.listMetrics({ trialJobId: 't0' })).toHaveLength(2);
        expect(store.getTrialJobInfo('t0')?.finalMetricData).toHaveLength(1);
        store.deleteMetrics('t0');
        expect(store.listMetrics()).toStrictEqual([kept]);
        expect(store.finalMetrics()).toStrictEqual([kept]);
        expect(store.getTrialJobInfo('t0')?.finalMetricData).toBeUndefined();
        expect(store.listTrialJobInfos().map((t) => t.finalMetricData?.length ?? 0)).toEqual([0, 1]);
        expect(storeErrorOf(() => store.deleteMetrics('nope')).code).toBe('unknown-trial');
      });
    });

    describe('the trial-jobs listing (REST fast path)', () => {
      it('lists TrialJobInfo in sequence order with hyper-parameters and the first final metric', () => {
        const store = fresh();
        store.insertTrial(sampleTrial(1, { status: 'FAILED', logPath: '/logs/t1', startTime: 3, endTime: 4, message: 'exit code 1' }));
        store.insertTrial(sampleTrial(0, { status: 'RUNNING' }));
        store.insertMetric(sampleMetric('t0', { type: 'FINAL', parameterId: 0, timestamp: 7, sequence: 0, data: '{"default":0.5}' }));
        store.insertMetric(sampleMetric('t0', { type: 'FINAL', parameterId: 0, timestamp: 8, sequence: 0, data: '0.7' }));
        const infos = store.listTrialJobInfos();
        expect(infos).toStrictEqual([
          {
            trialJobId: 't0',
            sequenceId: 0,
            status: 'RUNNING',
            hyperParameters: [JSON.stringify({ parameter_id: 0, parameter_source: 'algorithm', parameters: sampleTrial(0).parameters, parameter_index: 0 })],
            finalMetricData: [{ timestamp: 7, trialJobId: 't0', parameterId: '0', type: 'FINAL', sequence: 0, data: JSON.stringify('{"default":0.5}') }],
          },
          {
            trialJobId: 't1',
            sequenceId: 1,
            status: 'FAILED',
            message: 'exit code 1',
            startTime: 3,
            endTime: 4,
            hyperParameters: [JSON.stringify({ parameter_id: 1, parameter_source: 'algorithm', parameters: sampleTrial(1).parameters, parameter_index: 0 })],
            logPath: '/logs/t1',
            stderrPath: '/logs/t1/stderr',
          },
        ]);
        expect(JSON.parse(store.trialJobInfosJson())).toStrictEqual(infos);
        expect(store.getTrialJobInfo('t1')).toStrictEqual(infos[1]);
        expect(store.getTrialJobInfo('nope')).toBeUndefined();
        expect(store.listTrialJobInfos({ status: 'FAILED' })).toStrictEqual([infos[1]]);
        expect(store.trialJobInfosJson({ status: 'WAITING' })).toBe('[]');
      });

      it('follows every change of a trial and of its final metric, also inside a rolled-back transaction', () => {
        const store = fresh();
        store.insertTrial(sampleTrial(0));
        store.updateTrial('t0', { status: 'SUCCEEDED', parameters: { changed: true } });
        expect(store.listTrialJobInfos()[0]).toMatchObject({ status: 'SUCCEEDED', hyperParameters: [expect.stringContaining('"parameters":{"changed":true}')] });
        expect(() =>
          store.transaction(() => {
            store.insertMetric(sampleMetric('t0', { type: 'FINAL', data: '1' }));
            expect(store.listTrialJobInfos()[0]!.finalMetricData).toHaveLength(1);
            throw new Error('undo');
          }),
        ).toThrow('undo');
        expect(store.listTrialJobInfos()[0]!.finalMetricData).toBeUndefined();
        store.insertMetric(sampleMetric('t0', { type: 'FINAL', data: '2' }));
        store.updateTrial('t0', { message: 'kept' });
        expect(store.listTrialJobInfos()[0]).toMatchObject({ message: 'kept', finalMetricData: [{ data: '"2"' }] });
      });
    });

    describe('transactions', () => {
      it('keeps every write of a transaction that returns, and returns its value', () => {
        const store = fresh();
        const value = store.transaction(() => {
          store.saveExperiment(sampleExperiment());
          store.insertTrial(sampleTrial(0));
          store.insertMetric(sampleMetric('t0'));
          return 42;
        });
        expect(value).toBe(42);
        expect([store.getExperiment()?.id, store.countTrials(), store.listMetrics().length]).toEqual(['exp1', 1, 1]);
      });

      it('undoes every write of a transaction that throws', () => {
        const store = fresh();
        store.saveExperiment(sampleExperiment());
        store.insertTrial(sampleTrial(0));
        const before = { experiment: store.getExperiment(), trials: store.listTrials(), metrics: store.listMetrics(), infos: store.trialJobInfosJson() };
        expect(() =>
          store.transaction(() => {
            store.updateExperiment({ status: 'DONE' });
            store.updateTrial('t0', { status: 'SUCCEEDED' });
            store.insertTrial(sampleTrial(1));
            store.insertMetric(sampleMetric('t0', { type: 'FINAL' }));
            throw new Error('boom');
          }),
        ).toThrow('boom');
        expect({ experiment: store.getExperiment(), trials: store.listTrials(), metrics: store.listMetrics(), infos: store.trialJobInfosJson() }).toStrictEqual(before);
        store.insertTrial(sampleTrial(1));
        expect(store.countTrials()).toBe(2);
      });

      it('nests: an inner transaction that throws undoes only its own writes', () => {
        const store = fresh();
        store.transaction(() => {
          store.insertTrial(sampleTrial(0));
          expect(() =>
            store.transaction(() => {
              store.insertTrial(sampleTrial(1));
              throw new Error('inner');
            }),
          ).toThrow('inner');
          store.insertTrial(sampleTrial(2));
        });
        expect(store.listTrials().map((t) => t.trialJobId)).toEqual(['t0', 't2']);
      });

      it('refuses an asynchronous function and undoes its synchronous writes', () => {
        const store = fresh();
        const error = storeErrorOf(() =>
          store.transaction(() => {
            store.insertTrial(sampleTrial(0));
            return Promise.resolve(1);
          }),
        );
        expect(error.code).toBe('async-transaction');
        expect(store.countTrials()).toBe(0);
      });
    });

    it('stored JSON (config, parameters, sample) round-trips exactly', () => {
      const store = fresh();
      let i = 0;
      // JSON has no -0: the stores keep it as 0, as JSON.stringify does.
      const json = fc.dictionary(fc.string(), fc.jsonValue({ noUnicodeString: false })).map((v) => JSON.parse(JSON.stringify(v)) as Record<string, unknown>);
      fc.assert(
        fc.property(json, json, json, fc.string({ minLength: 1, unit: 'grapheme' }), (config, parameters, sample, message) => {
          const trial = sampleTrial(i++, { parameters, sample, message });
          store.insertTrial(trial);
          expect(store.getTrial(trial.trialJobId)).toStrictEqual(trial);
          expect(store.listTrials({ offset: trial.sequenceId, limit: 1 })).toStrictEqual([trial]);
          const info = store.listTrialJobInfos().at(-1)!;
          expect(JSON.parse(info.hyperParameters[0]!).parameters).toStrictEqual(parameters);
          const experiment = sampleExperiment({ config });
          store.saveExperiment(experiment);
          expect(store.getExperiment()).toStrictEqual(experiment);
        }),
        { numRuns: 60 },
      );
    });

    it('refuses every call after close, and closing twice is harmless', () => {
      const store = fresh();
      store.insertTrial(sampleTrial(0));
      store.close();
      store.close();
      expect(storeErrorOf(() => store.getTrial('t0')).code).toBe('store-closed');
      expect(storeErrorOf(() => store.insertTrial(sampleTrial(1))).code).toBe('store-closed');
      expect(storeErrorOf(() => store.transaction(() => 1)).code).toBe('store-closed');
    });
  });
}
