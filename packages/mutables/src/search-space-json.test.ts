import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SearchSpaceError } from '@archspace/ir';
import { createRng } from './rng.js';
import { fromSearchSpaceJson, toSearchSpaceJson } from './search-space-json.js';
import { arbSearchSpaceJson } from './testing/arb-search-space-json.js';

function errorOf(json: unknown): SearchSpaceError {
  try {
    fromSearchSpaceJson(json);
  } catch (error) {
    if (error instanceof SearchSpaceError) return error;
    throw error;
  }
  throw new Error('expected a SearchSpaceError');
}

function drawMany(json: unknown, label: string, n = 3000): number[] {
  const space = fromSearchSpaceJson(json);
  const rng = createRng(11);
  return Array.from({ length: n }, () => space.freeze(space.random(rng))[label] as number);
}

describe('search-space JSON', () => {
  it('reads all ten types and freezes to the parameter record a trial receives', () => {
    const space = fromSearchSpaceJson({
      batch: { _type: 'choice', _value: [16, 32, 64] },
      layers: { _type: 'randint', _value: [1, 4] },
      dropout: { _type: 'uniform', _value: [0, 0.5] },
      units: { _type: 'quniform', _value: [32, 512, 32] },
      lr: { _type: 'loguniform', _value: [1e-5, 1e-1] },
      wd: { _type: 'qloguniform', _value: [1e-5, 1e-1, 1e-5] },
      init: { _type: 'normal', _value: [0, 1] },
      shift: { _type: 'qnormal', _value: [0, 1, 0.5] },
      scale: { _type: 'lognormal', _value: [0, 1] },
      steps: { _type: 'qlognormal', _value: [3, 1, 10] },
    });
    const value = space.freeze(space.random(createRng(1)));
    expect(Object.keys(value)).toEqual(['batch', 'layers', 'dropout', 'units', 'lr', 'wd', 'init', 'shift', 'scale', 'steps']);
    expect(space.size).toBe(Infinity);
  });

  it("draws randint from [lower, upper): the upper bound is never drawn", () => {
    const values = new Set(drawMany({ r: { _type: 'randint', _value: [1, 4] } }, 'r'));
    expect([...values].sort()).toEqual([1, 2, 3]);
  });

  it('clips quniform and qloguniform to the bounds but not qnormal or qlognormal', () => {
    expect(new Set(drawMany({ q: { _type: 'quniform', _value: [2, 10, 5] } }, 'q'))).toEqual(new Set([2, 5, 10]));
    const qlog = drawMany({ q: { _type: 'qloguniform', _value: [1, 100, 30] } }, 'q');
    expect(Math.min(...qlog)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...qlog)).toBeLessThanOrEqual(100);
    const qn = drawMany({ q: { _type: 'qnormal', _value: [0, 10, 3] } }, 'q');
    expect(qn.every((v) => Math.abs(v / 3 - Math.round(v / 3)) < 1e-9)).toBe(true);
    expect(Math.max(...qn.map(Math.abs))).toBeGreaterThan(20);
    const qln = drawMany({ q: { _type: 'qlognormal', _value: [0, 1, 2] } }, 'q');
    expect(qln).toContain(0);
  });

  it('delivers a nested choice as {_name, ...} with only the chosen branch', () => {
    const space = fromSearchSpaceJson({
      D: {
        _type: 'choice',
        _value: [{ _name: 'UNIFORM', dropout: { _type: 'uniform', _value: [0.5, 0.9] } }, { _name: 'EMPTY' }],
      },
    });
    expect(space.size).toBe(Infinity);
    expect(Object.keys(space.simplify())).toEqual(['D', 'D/UNIFORM/dropout']);
    expect(space.freeze({ D: 'EMPTY' })).toEqual({ D: { _name: 'EMPTY' } });
    expect(space.freeze({ D: 'UNIFORM', 'D/UNIFORM/dropout': 0.7 })).toEqual({ D: { _name: 'UNIFORM', dropout: 0.7 } });
    const names = new Set<string>();
    const rng = createRng(2);
    for (let i = 0; i < 40; i++) names.add((space.freeze(space.random(rng))['D'] as { _name: string })._name);
    expect(names).toEqual(new Set(['UNIFORM', 'EMPTY']));
  });

  it('treats a list of dicts without _name as plain values', () => {
    const space = fromSearchSpaceJson({ opt: { _type: 'choice', _value: [{ lr: 1 }, { lr: 2 }] } });
    expect(space.freeze({ opt: { lr: 2 } })).toEqual({ opt: { lr: 2 } });
  });

  it.each([
    [[], '', 'a search space'],
    [{ x: 3 }, 'x', 'a dict with "_type" and "_value"'],
    [{ x: { _value: [1] } }, 'x', 'a "_type" key'],
    [{ x: { _type: 'choice' } }, 'x', 'a "_value" key'],
    [{ x: { _type: 'gaussian', _value: [0, 1] } }, 'x/_type', 'one of choice, randint'],
    [{ x: { _type: 'choice', _value: 3 } }, 'x/_value', 'a list'],
    [{ x: { _type: 'choice', _value: [] } }, 'x/_value', 'non-empty'],
    [{ x: { _type: 'choice', _value: [1, Number.NaN] } }, 'x/_value[1]', 'finite'],
    [{ x: { _type: 'uniform', _value: [1, 0] } }, 'x/_value', 'low < high'],
    [{ x: { _type: 'uniform', _value: [0, 1, 2] } }, 'x/_value', 'exactly 2 numbers'],
    [{ x: { _type: 'quniform', _value: [0, 1] } }, 'x/_value', 'exactly 3 numbers'],
    [{ x: { _type: 'quniform', _value: [0, 1, 0] } }, 'x/_value[2]', 'q > 0'],
    [{ x: { _type: 'uniform', _value: [true, 2] } }, 'x/_value[0]', 'not a boolean'],
    [{ x: { _type: 'uniform', _value: [0, Infinity] } }, 'x/_value[1]', 'finite'],
    [{ x: { _type: 'loguniform', _value: [0, 1] } }, 'x/_value[0]', 'low > 0'],
    [{ x: { _type: 'normal', _value: [0, -1] } }, 'x/_value[1]', 'sigma > 0'],
    [{ x: { _type: 'randint', _value: [0, 2.5] } }, 'x/_value[1]', 'integer'],
    [{ x: { _type: 'randint', _value: [3, 3] } }, 'x/_value', 'lower < upper'],
    [{ x: { _type: 'choice', _value: [{ _name: 'a' }, 3] } }, 'x/_value[1]', 'every option'],
    [{ x: { _type: 'choice', _value: [{ _name: 'a' }, { _name: 'a' }] } }, 'x/_value[1]/_name', 'all different'],
    [{ x: { _type: 'choice', _value: [{ _name: 'a', y: { _type: 'uniform', _value: [2, 1] } }] } }, 'x/_value[0]/y/_value', 'low < high'],
    [{ x: { _type: 'choice', _value: [1], extra: 2 } }, 'x/extra', 'only the keys'],
  ])('rejects %j at "%s" saying %s', (json, path, rule) => {
    const error = errorOf(json);
    expect(error.code).toBe('invalid-search-space');
    expect(error.message).toContain(path ? `at "${path}"` : 'expected');
    expect(error.expected).toContain(rule);
  });

  it('round-trips any valid document through the space and back', () => {
    fc.assert(
      fc.property(arbSearchSpaceJson(), (doc) => {
        expect(toSearchSpaceJson(fromSearchSpaceJson(doc))).toEqual(doc);
      }),
      { numRuns: 300 },
    );
  });

  it('throws nothing but SearchSpaceError on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (json) => {
        try {
          fromSearchSpaceJson(json);
        } catch (error) {
          expect(error).toBeInstanceOf(SearchSpaceError);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('refuses to write what JSON cannot express', () => {
    const space = fromSearchSpaceJson({ a: { _type: 'choice', _value: [1] } });
    expect(toSearchSpaceJson(space)).toEqual({ a: { _type: 'choice', _value: [1] } });
  });
});
