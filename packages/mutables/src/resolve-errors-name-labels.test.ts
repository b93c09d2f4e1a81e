import { SampleMissingError, SampleValidationError } from '@archspace/ir';
import { describe, expect, it } from 'vitest';
import { Categorical } from './categorical.js';
import { checkSampleRecord, labelMissing } from './resolve.js';

describe('sample records', () => {
  it.each([[null], [[1]], [3], ['x']])('refuses %o as a sample at the empty path', (value) => {
    let error: unknown;
    try {
      checkSampleRecord(value, 'sample');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SampleValidationError);
    expect((error as SampleValidationError).code).toBe('invalid-sample');
    expect((error as SampleValidationError).path).toEqual([]);
    expect((error as SampleValidationError).expected).toBe('a sample: an object {label: value}');
  });
});

describe('a missing label', () => {
  const decision = new Categorical([1, 2], { label: 'gone' });
  const memoWith = (n: number): Record<string, number> => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]));

  it('is named, with the decision and the labels the sample has', () => {
    const error = labelMissing(decision, memoWith(2));
    expect(error).toBeInstanceOf(SampleMissingError);
    expect(error.code).toBe('label-missing');
    expect(error.path).toEqual(['gone']);
    expect(error.message).toContain('Label "gone" is missing from the sample; it is Categorical([1, 2], label=\'gone\'). The sample has: [k0, k1]');
  });

  it('lists up to ten labels in full and cuts longer lists after ten', () => {
    const ten = Array.from({ length: 10 }, (_, i) => `k${i}`).join(', ');
    expect(labelMissing(decision, memoWith(10)).message).toContain(`The sample has: [${ten}]`);
    expect(labelMissing(decision, memoWith(11)).message).toContain(`The sample has: [${ten}, ...]`);
    expect(labelMissing(decision, memoWith(0)).message).toContain('The sample has: []');
  });
});
