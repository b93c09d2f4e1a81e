import { describe, expect, it } from 'vitest';
import { SampleValidationError, SearchSpaceError } from '@archspace/ir';
import { Categorical } from './categorical.js';
import { CategoricalMultiple } from './categorical-multiple.js';
import { MutableDict } from './mutable-dict.js';
import { createRng } from './rng.js';
import { fromSearchSpaceJson } from './search-space-json.js';

/** `inner` wrapped in `depth` arrays (or `{a: …}` objects), built without recursion. */
function nested(depth: number, inner: unknown, asObject = false): unknown {
  let value = inner;
  for (let i = 0; i < depth; i++) value = asObject ? { a: value } : [value];
  return value;
}

describe('values nested 10,000 deep are values like any other', () => {
  for (const asObject of [false, true]) {
    const shape = asObject ? 'objects' : 'arrays';

    it(`Categorical finds and tells apart ${shape} nested 10,000 deep`, () => {
      const deepOne = nested(10_000, 1, asObject);
      const choice = new Categorical([deepOne, nested(10_000, 2, asObject), 'flat'], { label: 'deep' });
      expect(choice.indexOf(deepOne)).toBe(0);
      expect(choice.indexOf('flat')).toBe(2);
      expect(new CategoricalMultiple([deepOne, 'flat'], { label: 'some' }).gridValues()).toHaveLength(4);
    });

    it(`search-space JSON takes ${shape} nested 10,000 deep as a choice's option`, () => {
      const option = nested(10_000, 1, asObject);
      const space = fromSearchSpaceJson({ deep: { _type: 'choice', _value: [option, nested(10_000, 2, asObject)] } });
      space.validate(space.random(createRng(1)));
      expect(space.freeze(space.default())['deep']).toBe(option);
    });
  }

  it('search-space JSON still names the path of a bad number deep inside an option', () => {
    const option = nested(50, Number.NaN);
    expect(() => fromSearchSpaceJson({ x: { _type: 'choice', _value: [option] } })).toThrow(SearchSpaceError);
    try {
      fromSearchSpaceJson({ x: { _type: 'choice', _value: [option] } });
    } catch (error) {
      expect((error as SearchSpaceError).path).toEqual(['x', '_value', 0, ...Array.from({ length: 50 }, () => 0)]);
    }
  });

  it('search-space JSON refuses an option that contains itself', () => {
    const loop: Record<string, unknown> = { a: 1 };
    loop['self'] = loop;
    expect(() => fromSearchSpaceJson({ x: { _type: 'choice', _value: [loop] } })).toThrow(/does not contain itself/);
  });
});

describe('a sample or memo that is not a record is a SampleValidationError', () => {
  const space = new MutableDict({ width: new Categorical([8, 16], { label: 'width' }) });

  for (const sample of [null, undefined, 3, 'width', true, [8]]) {
    it(`${JSON.stringify(sample) ?? 'undefined'}`, () => {
      const given = sample as never;
      expect(() => space.validate(given)).toThrow(SampleValidationError);
      expect(() => space.freeze(given)).toThrow(SampleValidationError);
      expect(space.contains(given)).toBe(false);
      if (sample === undefined) return; // undefined means "no memo": the default applies.
      expect(() => space.random(createRng(0), given)).toThrow(SampleValidationError);
      expect(() => space.default(given)).toThrow(SampleValidationError);
      expect(() => space.grid({ memo: given }).next()).toThrow(SampleValidationError);
    });
  }
});

it('refuses a choice option with holes (a sparse list), naming where', () => {
  const error = (() => {
    try {
      fromSearchSpaceJson({ x: { _type: 'choice', _value: [[1, , 3]] } });
    } catch (e) {
      return e as SearchSpaceError;
    }
    return undefined;
  })();
  expect(error).toBeInstanceOf(SearchSpaceError);
  expect(error!.path).toEqual(['x', '_value', 0, 1]);
});
