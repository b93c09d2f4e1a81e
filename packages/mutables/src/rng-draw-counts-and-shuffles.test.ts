import { describe, expect, it } from 'vitest';
import { InexactIntegerError } from './exact-integer.js';
import { intFromString } from './python-number-syntax.js';
import { Rng, createRng } from './rng.js';

describe('Rng draws', () => {
  it('picks indices in proportion to their weights', () => {
    const rng = createRng(21);
    let ones = 0;
    for (let i = 0; i < 400; i++) if (rng.weightedIndex([1, 3]) === 1) ones++;
    expect(ones).toBeGreaterThan(250);
    expect(ones).toBeLessThan(350);
  });

  it('falls back to the last index when every weight is 0', () => {
    expect(createRng(1).weightedIndex([0, 0, 0])).toBe(2);
  });

  it('samples k indices with k draws, not always the first k', () => {
    const seen = new Set<string>();
    for (let seed = 0; seed < 10; seed++) {
      const rng = createRng(seed);
      const twin = createRng(seed);
      const picked = rng.sampleIndices(10, 3);
      expect(picked).toHaveLength(3);
      expect(new Set(picked).size).toBe(3);
      seen.add(picked.join(','));
      for (let i = 0; i < 3; i++) twin.next();
      expect(rng.next()).toBe(twin.next());
    }
    expect(seen.size).toBeGreaterThan(1);
  });

  it('shuffles in place into a permutation, with length − 1 draws', () => {
    for (let seed = 0; seed < 10; seed++) {
      const rng = createRng(seed);
      const twin = createRng(seed);
      const items = [1, 2, 3, 4, 5];
      expect(rng.shuffle(items)).toBe(items);
      expect(items).toHaveLength(5);
      expect([...items].sort()).toEqual([1, 2, 3, 4, 5]);
      for (let i = 0; i < 4; i++) twin.next();
      expect(rng.next()).toBe(twin.next());
    }
  });

  it('leaves two items in place about half the time', () => {
    const orders = new Set<string>();
    for (let seed = 0; seed < 20; seed++) orders.add(createRng(seed).shuffle(['a', 'b']).join(''));
    expect(orders).toEqual(new Set(['ab', 'ba']));
  });

  it('forks a generator of its own', () => {
    const rng = createRng(4);
    const fork = rng.fork();
    expect(fork).toBeInstanceOf(Rng);
    const x = fork.next();
    expect(x).toBeGreaterThanOrEqual(0);
    expect(x).toBeLessThan(1);
  });
});

describe('int() of long numerals', () => {
  it('names the call when the integer is past what a number holds', () => {
    let error: unknown;
    try {
      intFromString('12345678901234567890');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InexactIntegerError);
    expect((error as InexactIntegerError).message).toMatch(/^int\('12345678901234567890'\) is 12345678901234567890 /);
  });
});
