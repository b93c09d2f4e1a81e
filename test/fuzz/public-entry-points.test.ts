/**
 * The fuzz suite: every public entry point that takes user data gets arbitrary and adversarial input
 * (see hostile-inputs.ts) and must return, or throw an `ArchspaceError` with a message, within a
 * hang bound, without touching a built-in prototype. The number of cases run is printed; a CI run
 * makes at least 10,000.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { loadModel } from '@archspace/ir';
import { Categorical, CategoricalMultiple, MutableDict, Numerical, RandomInteger, ValueChoice, createRng, fromSearchSpaceJson, type Mutable } from '@archspace/mutables';
import { Random } from '@archspace/strategies';
import { ExperimentManager, MemoryStore, createRestApp, load, parseExperimentConfig } from '@archspace/experiment';
import { casesSummary, judge, judgeAsync } from './fuzz-harness.js';
import { hostileJson, hostileName, hostileNumber, hostileText, jsonText, recordOf } from './hostile-inputs.js';

const RUNS = 1_500;
const MIN_TOTAL = 10_000;

/** Exercises a space the way a search does: sample, validate, freeze, size, a few grid points, default. */
function exercise(space: Mutable, seed: number, sample?: unknown): void {
  const drawn = space.random(createRng(seed));
  space.validate(drawn);
  space.freeze(drawn);
  void space.size;
  let n = 0;
  for (const point of space.grid()) {
    space.validate(point);
    if (++n === 3) break;
  }
  space.default();
  if (sample !== undefined) space.freeze(sample as never);
}

afterAll(() => {
  const { total, text } = casesSummary();
  console.log(text);
  expect(total).toBeGreaterThanOrEqual(MIN_TOTAL);
});

describe('the value level', () => {
  it('fromSearchSpaceJson on hostile documents, then every way a search uses the space', () => {
    const spec = fc.oneof(
      fc.record({ _type: fc.constantFrom('choice', 'randint', 'uniform', 'quniform', 'loguniform', 'qloguniform', 'normal', 'qnormal', 'lognormal', 'qlognormal', 'nope'), _value: fc.array(fc.oneof(hostileNumber, hostileJson), { maxLength: 4 }) }),
      hostileJson,
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(hostileName, spec), { maxLength: 4 }), fc.nat(), hostileJson, (entries, seed, sample) => {
        judge('fromSearchSpaceJson', () => exercise(fromSearchSpaceJson(recordOf(entries)), seed, sample));
      }),
      { numRuns: RUNS },
    );
  });

  it('space constructors with hostile labels, values and bounds', () => {
    fc.assert(
      fc.property(hostileName, fc.array(hostileJson, { maxLength: 5 }), hostileNumber, hostileNumber, hostileNumber, (label, values, a, b, q) => {
        judge('Categorical', () => exercise(new Categorical(values, { label }), 1));
        judge('ValueChoice', () => exercise(new MutableDict(recordOf([[label, new ValueChoice(values, { label })]])), 2));
        judge('CategoricalMultiple', () => exercise(new CategoricalMultiple(values, { label, n: Number.isInteger(a) ? a : undefined }), 3));
        judge('Numerical', () => exercise(new Numerical({ low: a, high: b, quantize: q, label }), 4));
        judge('Numerical(log)', () => exercise(new Numerical({ low: a, high: b, log: true, label }), 5));
        judge('RandomInteger', () => exercise(new RandomInteger(a, b, { label }), 6));
      }),
      { numRuns: Math.ceil(RUNS / 3) },
    );
  });

  it('validate and freeze of hostile samples on spaces with hostile labels', () => {
    fc.assert(
      fc.property(fc.uniqueArray(hostileName, { minLength: 1, maxLength: 4 }), hostileJson, fc.dictionary(hostileName, hostileJson, { maxKeys: 5 }), (labels, raw, sample) => {
        const made = judge('MutableDict', () => new MutableDict(recordOf(labels.map((label, i) => [label, new Categorical([i, `${i}`, null], { label })]))));
        if (!('returned' in made)) return;
        const space = made.returned as MutableDict;
        judge('validate', () => space.validate(raw as never));
        judge('validate(record)', () => space.validate(sample as never));
        judge('freeze', () => space.freeze(sample as never));
        judge('contains', () => space.contains(sample as never));
      }),
      { numRuns: RUNS },
    );
  });
});

describe('the graph IR', () => {
  it('loadModel of hostile documents', () => {
    const irLike = fc.record({
      _model: fc.oneof(hostileJson, fc.record({ inputs: fc.array(hostileName), outputs: fc.array(hostileName), nodes: fc.dictionary(hostileName, fc.record({ operation: fc.record({ type: hostileName, parameters: hostileJson }) })), edges: fc.array(fc.record({ head: fc.array(hostileJson), tail: fc.array(hostileJson) })) })),
    });
    fc.assert(
      fc.property(fc.oneof(hostileJson, irLike, fc.dictionary(hostileName, hostileJson)), (document) => {
        judge('loadModel', () => loadModel(document));
      }),
      { numRuns: RUNS },
    );
  });
});

describe('the experiment layer', () => {
  it('parseExperimentConfig of hostile text and objects', () => {
    fc.assert(
      fc.property(fc.oneof(hostileText, hostileJson, fc.dictionary(hostileName, hostileJson)), (input) => {
        judge('parseExperimentConfig', () => parseExperimentConfig(input));
      }),
      { numRuns: RUNS },
    );
  });

  it('parseExperimentConfig of hostile Redis training services', () => {
    const base = { searchSpace: { x: { _type: 'choice', _value: [1] } }, trialCommand: 'true', trialConcurrency: 1, tuner: { name: 'Random' } };
    const field = (value: fc.Arbitrary<unknown>) => fc.oneof(value, hostileJson);
    const redis = fc.record(
      {
        platform: fc.constant('redis'),
        url: field(fc.constantFrom('redis://127.0.0.1:6379', 'rediss://u:p@h:1/2', 'http://x', 'redis://', '')),
        queue: field(fc.oneof(hostileName, fc.constantFrom('q', 'a:b', 'x'.repeat(101)))),
        password: hostileJson,
        tls: field(fc.constantFrom(true, false, { rejectUnauthorized: false }, { ca: 1 })),
        maxTrialRetries: field(hostileNumber),
      },
      { requiredKeys: ['platform'] },
    );
    fc.assert(
      fc.property(redis, fc.dictionary(hostileName, hostileJson, { maxKeys: 2 }), (service, extra) => {
        judge('parseExperimentConfig', () => parseExperimentConfig({ ...base, trainingService: { ...service, ...extra } }));
      }),
      { numRuns: RUNS },
    );
  });

  it('the serializer load() of hostile text', () => {
    const tagged = fc.dictionary(fc.constantFrom('__nni_obj__', '__symbol__', '__args__', '__kwargs__', '__bytes__', '__bigint__', '__map__', '__set__', ...['a', '__proto__']), hostileJson, { maxKeys: 3 });
    fc.assert(
      fc.property(fc.oneof(hostileText, tagged.map((value) => jsonText(value))), (text) => {
        judge('load', () => load(text));
      }),
      { numRuns: RUNS },
    );
  });

  it('REST request bodies, ids and queries of hostile content answer 2xx or 4xx with a reason, never 5xx', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'archspace-fuzz-rest-'));
    const space = fromSearchSpaceJson({ x: { _type: 'choice', _value: [1, 2, 3] } });
    const manager = ExperimentManager.open(
      'new',
      { id: 'fuzz', dir, trialCommand: 'true', trialCodeDirectory: dir, trialConcurrency: 1, maxTrialNumber: 1, seed: 0, direction: 'maximize', config: { searchSpace: {} } },
      { store: new MemoryStore(), space, strategy: new Random(), spaceFromJson: (json) => fromSearchSpaceJson(json) },
    );
    const app = createRestApp(manager);
    const base = '/api/v1/nni';
    const request = fc.oneof(
      fc.tuple(fc.constant('PUT'), fc.constantFrom('TRIAL_CONCURRENCY', 'MAX_EXEC_DURATION', 'SEARCH_SPACE', 'MAX_TRIAL_NUM', 'nope', '__proto__'), hostileJson).map(([method, type, body]) => ({ method, path: `/experiment?update_type=${encodeURIComponent(type)}`, body })),
      fc.tuple(fc.constant('POST'), fc.constant('/trial-jobs'), hostileJson).map(([method, path, body]) => ({ method, path, body })),
      fc.tuple(fc.constantFrom('GET', 'DELETE'), fc.constantFrom('/trial-jobs/', '/metric-data/', '/trial-file/'), hostileName).map(([method, path, id]) => ({ method, path: `${path}${encodeURIComponent(id)}`, body: undefined })),
      fc.tuple(fc.constant('GET'), fc.constantFrom('/trial-jobs?status=', '/metric-data?type=', '/metric-data-range/'), hostileName).map(([method, path, value]) => ({ method, path: `${path}${encodeURIComponent(value)}`, body: undefined })),
    );
    await fc.assert(
      fc.asyncProperty(request, async ({ method, path, body }) => {
        await judgeAsync('REST', async () => {
          const init: RequestInit = { method, ...(body !== undefined ? { body: jsonText(body), headers: { 'content-type': 'application/json' } } : {}) };
          const response = await app.request(`${base}${path}`, init);
          expect(response.status, `${method} ${path}`).toBeLessThan(500);
          if (response.status >= 400) expect(((await response.json()) as { error?: { message?: string } }).error?.message).toBeTruthy();
          else await response.arrayBuffer();
        });
      }),
      { numRuns: RUNS },
    );
    manager.close();
  }, 120_000);
});
