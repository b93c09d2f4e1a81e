/**
 * Guards for the checks of what users hand to strategies (`strategy-options.ts`) and for the walk of
 * refining grids (`refining-grid.ts`) that the main tests leave open: how a rejected value is shown
 * in the error (long strings cut at 60 characters, booleans, null, functions, objects with no keys or
 * more than five), that null options and outcomes get the named message rather than a crash, that a
 * failed outcome's error must be a string, and that a walk stops at the granularity that covers a
 * finite space.
 */
import { describe, expect, it } from 'vitest';
import { Categorical, MutableDict, type Sample, createRng } from '@archspace/mutables';
import { Random } from './random.js';
import { refiningGrid } from './refining-grid.js';
import { sampleKey } from './sample-key.js';
import type { StrategySession } from './strategy.js';

const OPTIONS_PREFIX = 'Random: the options must be an object with some of dedup, retries; got ';

function optionsError(options: unknown): string {
  try {
    new Random(options as never);
  } catch (error) {
    expect(error).toBeInstanceOf(TypeError);
    return (error as Error).message;
  }
  throw new Error('new Random(…) accepted the options');
}

const space = new MutableDict({ a: new Categorical([1, 2, 3], { label: 'a' }), b: new Categorical([1, 2], { label: 'b' }) });

function startSession(): [StrategySession, number] {
  const session = new Random().start({ space, rng: createRng(7), direction: 'maximize' });
  return [session, session.ask()!.id];
}

function outcomeError(outcome: unknown): string {
  const [session, id] = startSession();
  try {
    session.tell(id, outcome as never);
  } catch (error) {
    expect(error).toBeInstanceOf(TypeError);
    expect(session.pending().map((p) => p.id)).toEqual([id]);
    return (error as Error).message;
  }
  throw new Error('tell(…) accepted the outcome');
}

describe('how a rejected value is shown', () => {
  it('cuts a string longer than 60 characters to its first 60 and an ellipsis', () => {
    const long = `${'a'.repeat(30)}${'b'.repeat(30)}cdef`;
    expect(optionsError(long)).toBe(`${OPTIONS_PREFIX}"${'a'.repeat(30)}${'b'.repeat(30)}…"`);
    expect(outcomeError({ status: 'succeeded', value: long })).toMatch(new RegExp(`\\(value is "a{30}b{30}…", not a number\\)$`));
  });

  it('shows a string of exactly 60 characters whole, without an ellipsis', () => {
    const sixty = 'z'.repeat(60);
    expect(optionsError(sixty)).toBe(`${OPTIONS_PREFIX}"${sixty}"`);
  });

  it('shows booleans and null as themselves', () => {
    expect(optionsError(true)).toBe(`${OPTIONS_PREFIX}true`);
    expect(optionsError(false)).toBe(`${OPTIONS_PREFIX}false`);
    expect(outcomeError({ status: 'succeeded', value: false })).toMatch(/\(value is false, not a number\)$/);
    expect(outcomeError({ status: 'succeeded', value: null })).toMatch(/\(value is null, not a number\)$/);
  });

  it('shows a function, a bigint or a symbol by its type, not as an object', () => {
    expect(optionsError(() => ({ dedup: false }))).toBe(`${OPTIONS_PREFIX}function`);
    expect(optionsError(Symbol('dedup'))).toBe(`${OPTIONS_PREFIX}symbol`);
    expect(outcomeError({ status: 'succeeded', value: 3n })).toMatch(/\(value is bigint, not a number\)$/);
  });

  it('says an object without keys has no keys', () => {
    expect(outcomeError({})).toMatch(/; got an object with no keys \(status is undefined\)$/);
  });

  it('names at most the first five keys of an object, with an ellipsis only when there are more', () => {
    expect(outcomeError({ status: 'done', a: 1, b: 2, c: 3, d: 4 })).toMatch(/; got an object with keys status, a, b, c, d \(status is "done"\)$/);
    expect(outcomeError({ status: 'done', a: 1, b: 2, c: 3, d: 4, e: 5 })).toMatch(/; got an object with keys status, a, b, c, d, … \(status is "done"\)$/);
    expect(outcomeError({ status: 'done', a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7 })).toMatch(/; got an object with keys status, a, b, c, d, … \(status is "done"\)$/);
  });
});

describe('null options and outcomes', () => {
  it('refuses null options with the named message', () => {
    expect(optionsError(null)).toBe(`${OPTIONS_PREFIX}null`);
  });

  it('refuses a null outcome with the named message, not a crash while reading it', () => {
    const [session, id] = startSession();
    expect(() => session.tell(id, null as never)).toThrow(new RegExp(`^tell\\(${id}\\): the outcome must be .*; got null$`));
    expect(() => session.restore([{ sample: { a: 1, b: 1 }, outcome: null as never }])).toThrow(/^restore\(\): entry 0: the outcome must be .*; got null$/);
  });
});

describe('failed outcomes', () => {
  it('refuses an error that is not a string, naming it', () => {
    expect(outcomeError({ status: 'failed', error: 404 })).toMatch(/; got an object with keys status, error \(error is not a string\)$/);
    expect(outcomeError({ status: 'failed', error: { message: 'out of memory' } })).toMatch(/\(error is not a string\)$/);
  });

  it('accepts a failed outcome with a string error or none', () => {
    for (const outcome of [{ status: 'failed', error: 'out of memory' }, { status: 'failed' }] as const) {
      const [session, id] = startSession();
      session.tell(id, outcome);
      expect(session.trials[0]!.outcome).toEqual(outcome);
    }
  });
});

describe('stopped outcomes', () => {
  it('refuses a value that is not a number, naming it', () => {
    expect(outcomeError({ status: 'stopped', intermediates: [0.5], value: 'high' })).toMatch(/\(value is not a number\)$/);
  });

  it('accepts a stopped outcome with a numeric value or none', () => {
    for (const outcome of [{ status: 'stopped', intermediates: [0.5], value: 0.5 }, { status: 'stopped', intermediates: [0.5] }] as const) {
      const [session, id] = startSession();
      session.tell(id, outcome);
      expect(session.trials[0]!.outcome).toEqual(outcome);
    }
  });
});

describe('refining grid walk', () => {
  function walk(maxGranularity: number): { yielded: string[]; asked: number } {
    const seen = new Set<string>();
    let asked = 0;
    const isNew = (sample: Sample): boolean => {
      asked++;
      const key = sampleKey(sample);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    };
    const yielded = [...refiningGrid(space, { maxGranularity, isNew, known: () => seen.size })].map(sampleKey);
    return { yielded, asked };
  }

  it('ends at the granularity that covers a finite space, without walking finer grids', () => {
    const all = [...space.grid({ granularity: 1 })].map(sampleKey);
    expect(all).toHaveLength(space.size);
    for (const maxGranularity of [1, 2, 10]) {
      const { yielded, asked } = walk(maxGranularity);
      expect(yielded).toEqual(all);
      expect(asked).toBe(space.size);
    }
  });
});

describe('required options', () => {
  it('left out from untyped code are refused by name, not met with a TypeError from inside the constructor', async () => {
    const { Hyperband } = await import('./hyperband.js');
    const { BOHB } = await import('./bohb.js');
    const { CurveFitting } = await import('./curve-fitting.js');
    const make: [string, () => unknown][] = [
      ['Hyperband', () => new Hyperband(undefined as never)],
      ['BOHB', () => new BOHB(undefined as never)],
      ['CurveFitting', () => new CurveFitting(undefined as never)],
    ];
    for (const [name, build] of make) expect(build).toThrow(new RegExp(`^${name}: the options must be an object with some of .*; got undefined$`));
  });

  it('that are optional may still be left out', () => {
    expect(() => new Random()).not.toThrow();
    expect(() => new Random(undefined)).not.toThrow();
  });
});
