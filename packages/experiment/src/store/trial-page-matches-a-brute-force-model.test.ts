/**
 * Both stores answer every page query (offset, limit, sort key and direction, status list, metric
 * range, search, final data) exactly as a brute-force model written here independently: filter the
 * trials, sort them (values before none, numbers before texts, texts by their UTF-8 bytes, ties by
 * sequence id), slice. Labels and the final result's metric names (`objective:<name>`) are drawn from
 * awkward user texts (`__proto__`, `constructor`, `a/b`, `''`, quotes, dots) to show they are data,
 * never syntax.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TRIAL_JOB_STATUSES, type TrialJobStatus } from '../records.js';
import type { ExperimentStore } from './experiment-store.js';
import { MemoryStore } from './memory-store.js';
import { SqliteStore } from './sqlite-store.js';
import { sampleExperiment } from './test-support/store-contract.js';
import { TRIAL_SORT_KEYS, type TrialPageQuery, type TrialSortKey } from './trial-page.js';

const LABELS = ['lr', '__proto__', 'constructor', 'a/b', '', 'x"y', 'a.b', "it's", '$.z', 'toString'];
const METRIC_NAMES = ['default', 'flops', '__proto__', 'constructor', 'a.b', 'é', '', 'x"y'];
const NOW = 1_700_000_100_000;

interface ModelTrial {
  readonly trialJobId: string;
  readonly sequenceId: number;
  readonly status: TrialJobStatus;
  readonly sample: Record<string, unknown>;
  readonly startTime?: number;
  readonly endTime?: number;
  /** The first FINAL metric's JSON text. */
  readonly final?: string;
}

const value = fc.oneof(
  fc.integer({ min: -50, max: 50 }),
  fc.integer({ min: -4000, max: 4000 }).map((n) => n / 64),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom('Adam', 'adam', 'SGD', 'ß', 'é', 'a"b', 'x\\y', '', '10', 'Zeta'),
  fc.string({ maxLength: 4 }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(fc.integer({ min: -9, max: 9 }), fc.double({ noNaN: true, noDefaultInfinity: true })), { maxLength: 3 }),
);

const sample = fc.uniqueArray(fc.tuple(fc.constantFrom(...LABELS), value), { selector: ([label]) => label, maxLength: 4 }).map((entries) => Object.fromEntries(entries));

const finalMetric = fc.option(
  fc.oneof(
    fc.integer({ min: -3, max: 3 }).map(String),
    fc.double({ min: -10, max: 10, noNaN: true }).map((d) => JSON.stringify(d)),
    fc.integer({ min: -3, max: 3 }).map((d) => JSON.stringify({ default: d / 2, loss: 1 })),
    fc.constant('{"default":"high"}'),
    fc.constant('"text"'),
    fc
      .uniqueArray(fc.tuple(fc.constantFrom(...METRIC_NAMES), fc.oneof(fc.integer({ min: -3, max: 3 }), fc.double({ min: -10, max: 10, noNaN: true }), fc.constant('x'), fc.constant(null))), {
        selector: ([name]) => name,
        maxLength: 4,
      })
      .map((entries) => JSON.stringify(Object.fromEntries(entries))),
    fc.constantFrom('{"flops":1e400,"default":1}', '{"flops":1,"flops":"x"}', '{"flops":"x","flops":2}', '{"\\u00e9":2,"a.b":-1}', '[1,2]'),
  ),
  { nil: undefined },
);

const trials = fc
  .uniqueArray(fc.nat(500), { maxLength: 25 })
  .chain((sequenceIds) =>
    fc.tuple(
      ...sequenceIds.map((sequenceId) =>
        fc.record({
          sequenceId: fc.constant(sequenceId),
          trialJobId: fc.constant(`t${sequenceId.toString(36)}${'xyz'[sequenceId % 3]}`),
          status: fc.constantFrom(...TRIAL_JOB_STATUSES),
          sample,
          startTime: fc.option(fc.integer({ min: NOW - 10_000, max: NOW }), { nil: undefined }),
          endTime: fc.option(fc.integer({ min: NOW - 5000, max: NOW + 1000 }), { nil: undefined }),
          final: finalMetric,
        }),
      ),
    ),
  )
  .map((list) => list.map((t) => Object.fromEntries(Object.entries(t).filter(([, v]) => v !== undefined)) as unknown as ModelTrial));

const sortKey: fc.Arbitrary<TrialSortKey> = fc.oneof(
  fc.constantFrom(...TRIAL_SORT_KEYS),
  fc.constantFrom(...LABELS, 'absent').map((l) => `param:${l}` as const),
  fc.constantFrom(...METRIC_NAMES, 'absent').map((n) => `objective:${n}` as const),
);

const query: fc.Arbitrary<TrialPageQuery> = fc
  .record(
    {
      offset: fc.nat(30),
      limit: fc.nat(30),
      sort: sortKey,
      order: fc.constantFrom('asc' as const, 'desc' as const),
      statuses: fc.subarray([...TRIAL_JOB_STATUSES]),
      metricMin: fc.double({ min: -5, max: 5, noNaN: true }),
      metricMax: fc.double({ min: -5, max: 5, noNaN: true }),
      withMetric: fc.boolean(),
      search: fc.constantFrom('adam', 'A', '"', '1', '', 'ß', '\\', 'ze', 'true', '[', 'lr'),
      withFinalData: fc.boolean(),
    },
    { requiredKeys: [] },
  )
  .map((q) => ({ ...q, now: NOW }));

// ---- the model -------------------------------------------------------------------------------

const lowerAscii = (s: string): string => s.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));

function metricOf(final: string | undefined): number | null {
  if (final === undefined) return null;
  const parsed = JSON.parse(final) as unknown;
  const n = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) && 'default' in parsed ? (parsed as { default: unknown }).default : parsed;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
}

/** The number `name` of the final result: a record's own field, or a plain number as `default`. */
function objectiveOf(final: string | undefined, name: string): number | null {
  if (final === undefined) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(final);
  } catch {
    return null;
  }
  const isRecord = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
  const n = isRecord ? (Object.prototype.hasOwnProperty.call(parsed, name) ? (parsed as Record<string, unknown>)[name] : null) : name === 'default' ? parsed : null;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
}

function keyOf(t: ModelTrial, key: TrialSortKey): number | string | null {
  if (key.startsWith('objective:')) return objectiveOf(t.final, key.slice('objective:'.length));
  if (key.startsWith('param:')) {
    const label = key.slice(6);
    if (!Object.prototype.hasOwnProperty.call(t.sample, label)) return null;
    const v = t.sample[label];
    if (v === null) return null;
    if (typeof v === 'boolean') return v ? 1 : 0;
    if (typeof v === 'number' || typeof v === 'string') return v;
    return JSON.stringify(v);
  }
  if (key === 'metric') return metricOf(t.final);
  if (key === 'duration') return t.startTime === undefined ? null : (t.endTime ?? NOW) - t.startTime;
  return (t as unknown as Record<string, number | string | undefined>)[key] ?? null;
}

function modelPage(all: readonly ModelTrial[], q: TrialPageQuery): { total: number; ids: string[] } {
  const wantsMetric = q.withMetric === true || q.metricMin !== undefined || q.metricMax !== undefined;
  const matching = all.filter((t) => {
    const m = metricOf(t.final);
    if (q.statuses !== undefined && !q.statuses.includes(t.status)) return false;
    if (wantsMetric && m === null) return false;
    if (q.metricMin !== undefined && m! < q.metricMin) return false;
    if (q.metricMax !== undefined && m! > q.metricMax) return false;
    if (q.search !== undefined) {
      const text = Object.keys(t.sample).map((k) => lowerAscii(JSON.stringify(t.sample[k]))).join('\n');
      if (!text.includes(lowerAscii(q.search))) return false;
    }
    return true;
  });
  const key = q.sort ?? 'sequenceId';
  const sorted = [...matching].sort((a, b) => {
    const x = keyOf(a, key);
    const y = keyOf(b, key);
    if (x === null && y !== null) return 1;
    if (y === null && x !== null) return -1;
    if (x !== null && y !== null && x !== y) {
      let c: number;
      if (typeof x === 'number' && typeof y === 'number') c = x < y ? -1 : x > y ? 1 : 0;
      else if (typeof x === 'number') c = -1;
      else if (typeof y === 'number') c = 1;
      else c = Buffer.compare(Buffer.from(x), Buffer.from(y));
      if (c !== 0) return q.order === 'desc' ? -c : c;
    }
    return a.sequenceId - b.sequenceId;
  });
  const offset = q.offset ?? 0;
  return { total: matching.length, ids: sorted.slice(offset, q.limit === undefined ? undefined : offset + q.limit).map((t) => t.trialJobId) };
}

// ---- the stores ------------------------------------------------------------------------------

function fill(store: ExperimentStore, list: readonly ModelTrial[]): void {
  store.saveExperiment(sampleExperiment());
  for (const t of list) {
    const { final, ...row } = t;
    store.insertTrial({ ...row, parameterId: t.sequenceId, parameters: { any: 1 }, sample: t.sample });
    store.insertMetric({ trialJobId: t.trialJobId, parameterId: 0, type: 'PERIODICAL', sequence: 0, timestamp: NOW, data: '1' });
    if (final !== undefined) {
      store.insertMetric({ trialJobId: t.trialJobId, parameterId: 0, type: 'FINAL', sequence: 0, timestamp: NOW, data: final });
      store.insertMetric({ trialJobId: t.trialJobId, parameterId: 0, type: 'FINAL', sequence: 1, timestamp: NOW, data: '99' });
    }
  }
}

describe.each([
  ['MemoryStore', () => new MemoryStore()],
  ['SqliteStore', () => SqliteStore.open(':memory:')],
] as const)('%s.trialPage', (_name, open) => {
  it('matches the brute-force model for every query', () => {
    fc.assert(
      fc.property(trials, fc.array(query, { minLength: 1, maxLength: 6 }), (list, queries) => {
        const store = open();
        try {
          fill(store, list);
          for (const q of queries) {
            const page = store.trialPage(q);
            const expected = modelPage(list, q);
            expect({ total: page.total, ids: page.trials.map((t) => t.trialJobId) }).toEqual(expected);
            for (const row of page.trials) {
              const t = list.find((x) => x.trialJobId === row.trialJobId)!;
              expect(row.metric).toBe(metricOf(t.final));
              expect(row.finalData).toBe(q.withFinalData === true ? t.final : undefined);
              expect(JSON.stringify(row.sample)).toBe(JSON.stringify(t.sample));
            }
          }
        } finally {
          store.close();
        }
      }),
      { numRuns: 150 },
    );
  });

  it('sorts by awkward labels and keeps them as data', () => {
    const store = open();
    fill(store, [
      { trialJobId: 'a', sequenceId: 0, status: 'SUCCEEDED', sample: Object.fromEntries([['__proto__', 3], ['x"y', 'b'], ['', 2]]) },
      { trialJobId: 'b', sequenceId: 1, status: 'SUCCEEDED', sample: Object.fromEntries([['__proto__', 1], ['x"y', 'a']]) },
      { trialJobId: 'c', sequenceId: 2, status: 'SUCCEEDED', sample: Object.fromEntries([['constructor', 'z'], ['', 1]]) },
    ]);
    expect(store.trialPage({ sort: 'param:__proto__' }).trials.map((t) => t.trialJobId)).toEqual(['b', 'a', 'c']);
    expect(store.trialPage({ sort: 'param:x"y', order: 'desc' }).trials.map((t) => t.trialJobId)).toEqual(['a', 'b', 'c']);
    expect(store.trialPage({ sort: 'param:' }).trials.map((t) => t.trialJobId)).toEqual(['c', 'a', 'b']);
    const first = store.trialPage({ sort: 'param:__proto__', limit: 1 }).trials[0]!;
    expect(Object.getPrototypeOf(first.sample)).not.toBe(3);
    expect(Object.hasOwn(first.sample, '__proto__')).toBe(true);
    expect(store.sampleLabels()).toEqual(['', '__proto__', 'constructor', 'x"y']);
    store.close();
  });

  it('sorts by a named metric of the final result, names as data, trials without it last either way', () => {
    const store = open();
    const finals = ['{"default":1,"flops":3,"__proto__":5}', '{"default":2,"flops":1,"flops":"x"}', '{"flops":"x","flops":2,"constructor":1}', '{"flops":1e400,"__proto__":1}', '0.5', undefined, '{"\\u00e9":2}'];
    fill(
      store,
      finals.map((final, i) => ({ trialJobId: 'abcdefg'[i]!, sequenceId: i, status: 'SUCCEEDED' as const, sample: {}, ...(final !== undefined ? { final } : {}) })),
    );
    const ids = (q: TrialPageQuery) => store.trialPage(q).trials.map((t) => t.trialJobId).join('');
    expect(ids({ sort: 'objective:flops' })).toBe('cabdefg');
    expect(ids({ sort: 'objective:flops', order: 'desc' })).toBe('acbdefg');
    expect(ids({ sort: 'objective:flops', offset: 1, limit: 2 })).toBe('ab');
    expect(ids({ sort: 'objective:__proto__' })).toBe('dabcefg');
    expect(ids({ sort: 'objective:__proto__', order: 'desc' })).toBe('adbcefg');
    expect(ids({ sort: 'objective:default' })).toBe('eabcdfg');
    expect(ids({ sort: 'objective:constructor', order: 'desc' })).toBe('cabdefg');
    expect(ids({ sort: 'objective:é' })).toBe('gabcdef');
    expect(ids({ sort: 'objective:absent', order: 'desc' })).toBe('abcdefg');
    const rows = store.trialPage({ withFinalData: true, sort: 'objective:flops', limit: 1 }).trials;
    expect(rows.map((r) => r.finalData)).toEqual([finals[2]]);
    expect(store.trialPage({ limit: 1 }).trials[0]!.finalData).toBeUndefined();
    store.close();
  });

  it('refuses a malformed query, naming the field', () => {
    const store = open();
    expect(() => store.trialPage({ limit: -1 })).toThrow(/limit/);
    expect(() => store.trialPage({ sort: 'bogus' as TrialSortKey })).toThrow(/sort/);
    expect(() => store.trialPage({ metricMin: Number.NaN })).toThrow(/metricMin/);
    expect(() => store.trialPage({ withFinalData: 'yes' as unknown as boolean })).toThrow(/withFinalData/);
    store.close();
  });
});
