import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SampleMissingError } from '@archspace/ir';
import { Categorical } from './categorical.js';
import { CategoricalMultiple } from './categorical-multiple.js';
import { Label, labelScope } from './label.js';
import type { Mutable } from './mutable.js';
import { MutableDict } from './mutable-dict.js';
import { MutableList } from './mutable-list.js';
import { NestedChoice } from './nested-choice.js';
import { createRng } from './rng.js';
import { fromSearchSpaceJson, toSearchSpaceJson } from './search-space-json.js';
import { arbSample } from './testing/index.js';

/** Every name Object.prototype has, plus the names that most often break records used as maps. */
const HOSTILE_LABELS: readonly string[] = [
  ...new Set([
    ...Object.getOwnPropertyNames(Object.prototype),
    '__proto__',
    'prototype',
    'then',
    '',
    'a/b',
    '/',
    'ラベル',
    'Ünïcødé',
    '🙂',
    'a\u0000b',
  ]),
];

const PARAMETER_SPECS = [
  { _type: 'choice', _value: [1, 2, 3] },
  { _type: 'choice', _value: ['x', { nested: [1, 2] }] },
  { _type: 'randint', _value: [0, 3] },
  { _type: 'uniform', _value: [0, 1] },
  { _type: 'quniform', _value: [0, 4, 2] },
  { _type: 'normal', _value: [0, 1] },
  { _type: 'choice', _value: [{ _name: 'a', inner: { _type: 'choice', _value: [5, 6] } }, { _name: 'b' }] },
] as const;

/** A search-space document whose keys are `labels`, built so that `__proto__` is an own key. */
const arbHostileJson = fc
  .uniqueArray(fc.constantFrom(...HOSTILE_LABELS), { minLength: 1, maxLength: 6 })
  .chain((labels) =>
    fc.tuple(fc.constant(labels), fc.array(fc.constantFrom(...PARAMETER_SPECS), { minLength: labels.length, maxLength: labels.length })),
  )
  .map(([labels, specs]) => ({ labels, json: Object.fromEntries(labels.map((label, i) => [label, structuredClone(specs[i]!)])) }));

function snapshotObjectPrototype(): string {
  return Object.getOwnPropertyNames(Object.prototype)
    .map((name) => `${name}:${String(Object.getOwnPropertyDescriptor(Object.prototype, name)?.value ?? 'accessor')}`)
    .join('|');
}

function expectNullPrototype(record: object): void {
  expect(Object.getPrototypeOf(record)).toBeNull();
}

function firstPoints(space: Mutable, count: number): Record<string, unknown>[] {
  const points: Record<string, unknown>[] = [];
  for (const point of space.grid()) {
    points.push(point);
    if (points.length >= count) break;
  }
  return points;
}

describe('labels are data: no label or key ever reaches a prototype', () => {
  let before: string;
  beforeAll(() => {
    before = snapshotObjectPrototype();
  });
  afterAll(() => {
    expect(snapshotObjectPrototype()).toBe(before);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });

  it('samples a search-space document keyed "constructor" (the reported crash)', () => {
    const space = fromSearchSpaceJson({ constructor: { _type: 'choice', _value: [1, 2] } });
    const sample = space.random(createRng(0));
    expect(Object.keys(sample)).toEqual(['constructor']);
    expect([1, 2]).toContain(sample['constructor']);
    expect(space.freeze(sample)).toEqual({ constructor: sample['constructor'] });
  });

  it('keeps "__proto__" an own key of samples, frozen dicts and printed documents', () => {
    const json = JSON.parse('{"__proto__": {"_type": "choice", "_value": [{"polluted": true}, 2]}}') as unknown;
    const space = fromSearchSpaceJson(json);
    expect(Object.keys(space.simplify())).toEqual(['__proto__']);
    for (const sample of space.grid()) {
      expect(Object.hasOwn(sample, '__proto__')).toBe(true);
      expectNullPrototype(sample);
      const frozen = space.freeze(sample);
      expect(Object.hasOwn(frozen, '__proto__')).toBe(true);
      expectNullPrototype(frozen);
    }
    const printed = toSearchSpaceJson(space);
    expect(Object.keys(printed)).toEqual(['__proto__']);
    expect(JSON.parse(JSON.stringify(printed))).toEqual(json);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('never takes a missing label from Object.prototype', () => {
    const space = new MutableDict([['toString', new Categorical([1, 2], { label: 'toString' })]]);
    expect(space.contains({})).toBe(false);
    expect(space.checkContains({})).toBeInstanceOf(SampleMissingError);
    expect(space.contains({ toString: 2 })).toBe(true);
    expect(space.freeze({ toString: 2 })).toEqual({ toString: 2 });
  });

  it('scopes and automatic labels accept every Object.prototype name', () => {
    for (const name of Object.getOwnPropertyNames(Object.prototype)) {
      const [unnamed, named] = labelScope(name, () => [new Categorical([1, 2]), new Categorical([1, 2], { label: name })]);
      expect(unnamed!.label).toBe(`${name}/1`);
      expect(named!.label).toBe(`${name}/${name}`);
    }
  });

  it('random, validate, freeze, grid, default, size and JSON round trips work for any hostile keys', () => {
    fc.assert(
      fc.property(arbHostileJson, fc.integer(), ({ labels, json }, seed) => {
        const space = fromSearchSpaceJson(json);
        const simplified = space.simplify();
        expectNullPrototype(simplified);
        for (const label of labels) expect(Object.hasOwn(simplified, label)).toBe(true);

        const sample = space.random(createRng(seed));
        expectNullPrototype(sample);
        for (const label of labels) expect(Object.hasOwn(sample, label)).toBe(true);
        space.validate(sample);
        const frozen = space.freeze(sample) as Record<string, unknown>;
        expectNullPrototype(frozen);
        expect(Object.keys(frozen)).toEqual(labels);
        const reparsed = JSON.parse(JSON.stringify(sample)) as Record<string, unknown>;
        expect(space.contains(reparsed)).toBe(true);
        expect(JSON.stringify(space.freeze(reparsed))).toBe(JSON.stringify(frozen));

        const defaults = space.default();
        expectNullPrototype(defaults);
        space.validate(defaults);
        expect(Number.isNaN(space.size)).toBe(false);
        for (const point of firstPoints(space, 20)) {
          expectNullPrototype(point);
          space.validate(point);
        }
        const memo = Object.fromEntries([[labels[0]!, sample[labels[0]!]]]);
        for (const point of firstPoints(space, 5)) expect(point[labels[0]!]).toBeDefined();
        expect(space.random(createRng(seed + 1), memo)[labels[0]!]).toEqual(memo[labels[0]!]);

        const printed = toSearchSpaceJson(space);
        expectNullPrototype(printed);
        expect(Object.keys(printed)).toEqual(labels);
        const roundTripped = fromSearchSpaceJson(JSON.parse(JSON.stringify(printed)));
        expect(roundTripped.equals(space)).toBe(true);
        expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });

  it('arbSample draws valid samples of spaces with hostile keys', () => {
    fc.assert(
      fc.property(
        arbHostileJson.chain(({ json }) => {
          const space = fromSearchSpaceJson(json);
          return fc.tuple(fc.constant(space), arbSample(space));
        }),
        ([space, sample]) => {
          expect(Object.getPrototypeOf(sample)).toBeNull();
          space.validate(sample);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('decisions built in code with hostile labels share, validate and freeze like any other', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...HOSTILE_LABELS), { minLength: 1, maxLength: 5 }), fc.integer(), (labels, seed) => {
        const members = labels.map((label, i) =>
          i % 3 === 0
            ? new Categorical([0, 1], { label: Label.absolute(label) })
            : i % 3 === 1
              ? new CategoricalMultiple(['p', 'q', 'r'], { n: 2, label: Label.absolute(label) })
              : new NestedChoice({ on: new MutableList([new Categorical([7, 8], { label: Label.absolute(`${label}/inner`) })]), off: 0 }, {
                  label: Label.absolute(label),
                }),
        );
        // Every decision appears twice: the same label must mean one shared decision.
        const space = new MutableDict(labels.map((label, i) => [label, new MutableList([members[i], members[i]])] as const));
        const sample = space.random(createRng(seed));
        expectNullPrototype(sample);
        expect(Object.keys(sample).filter((key) => labels.includes(key))).toEqual(labels);
        const frozen = space.freeze(sample);
        expectNullPrototype(frozen);
        for (const label of labels) {
          const [first, second] = frozen[label] as unknown[];
          expect(first).toEqual(second);
        }
        expect(space.contains(JSON.parse(JSON.stringify(sample)) as Record<string, unknown>)).toBe(true);
        expect(firstPoints(space, 10).length).toBeGreaterThan(0);
        expect(space.size).toBeGreaterThan(0);
        space.validate(space.default());
      }),
      { numRuns: 200 },
    );
  });
});
