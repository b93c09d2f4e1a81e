import { SearchSpaceError } from '@archspace/ir';
import { describe, expect, it } from 'vitest';
import { searchSpaceRefusal } from './test-support/search-space-refusal.js';
import { normalQuantile } from './normal-quantile.js';
import { Numerical, type NumericalOptions } from './numerical.js';
import { createRng } from './rng.js';

function refusal(options: NumericalOptions): SearchSpaceError {
  return searchSpaceRefusal(() => new Numerical(options));
}

describe('Numerical options', () => {
  it.each([
    [{ low: 0, high: NaN }, 'high', 'a number'],
    [{ mu: 0 }, 'sigma', 'a finite number > 0'],
    [{ sigma: 1 }, 'mu', 'a finite number'],
    [{ mu: Infinity, sigma: 1 }, 'mu', 'a finite number'],
    [{ high: 1 }, 'low', 'a finite lower bound (or give mu and sigma for a normal)'],
    [{ mu: 0, sigma: 1, log: true, high: 0 }, 'high', 'an upper bound > 0 for a logarithmic distribution'],
    [{ mu: 0, sigma: 1, log: true, high: -1 }, 'high', 'an upper bound > 0 for a logarithmic distribution'],
    [{ low: 0, high: 1, default: 2 }, 'default', 'a number in [0, 1]'],
    [{ low: 0, high: 3, quantize: 1, default: 1.5 }, 'default', 'a multiple of 1 or a bound (0, 3)'],
  ] as [NumericalOptions, string, string][])('refuses %o at its %s', (options, field, expected) => {
    const error = refusal({ label: 'v', ...options });
    expect(error.code).toBe('invalid-numerical');
    expect(error.path).toEqual(['v', field]);
    expect(error.expected).toBe(expected);
  });

  it('accepts a log-normal with a positive upper bound and a valid default', () => {
    expect(new Numerical({ mu: 0, sigma: 1, log: true, high: 1e-9, label: 'v' }).high).toBe(1e-9);
    expect(new Numerical({ low: 0, high: 1, default: 1, label: 'v' }).defaultValue()).toBe(1);
  });
});

describe('Numerical domain', () => {
  it('describes every field and is computed once', () => {
    const n = new Numerical({ mu: 1, sigma: 2, quantize: 0.5, label: 'n' });
    expect(n.domain).toEqual({ kind: 'numerical', low: -Infinity, high: Infinity, log: false, mu: 1, sigma: 2, quantize: 0.5 });
    expect(n.domain).toBe(n.domain);
    const u = new Numerical({ low: 1, high: 2, log: true, label: 'u' });
    expect(u.domain).toEqual({ kind: 'numerical', low: 1, high: 2, log: true });
    expect(Object.keys(u.domain)).toEqual(['kind', 'low', 'high', 'log']);
  });
});

describe('Numerical rounding, clipping and quantiles', () => {
  it('maps infinities to the largest finite double, keeping the sign', () => {
    const n = new Numerical({ mu: 0, sigma: 1, label: 'n' });
    expect(n.qclip(Infinity)).toBe(Number.MAX_VALUE);
    expect(n.qclip(-Infinity)).toBe(-Number.MAX_VALUE);
    expect(Object.is(new Numerical({ low: -1, high: 1, label: 'u' }).qclip(-0), 0)).toBe(true);
  });

  it('takes the multiple on the other side when the nearest lies past the largest double', () => {
    const n = new Numerical({ mu: 0, sigma: 1, quantize: 3e307, label: 'n' });
    expect(n.qclip(Infinity)).toBe(5 * 3e307);
    expect(n.qclip(-Infinity)).toBe(-5 * 3e307);
  });

  it('spreads uniform quantiles over the width of the range', () => {
    const u = new Numerical({ low: 0, high: 8, label: 'u' });
    expect(u.defaultValue()).toBe(4);
    expect(u.gridValues(2)).toEqual([2, 4, 6]);
    expect(u.quantile(0.25)).toBe(2);
  });

  it('grids a log-normal in increasing order, at exp(mu + sigma z)', () => {
    const l = new Numerical({ mu: 1, sigma: 2, log: true, label: 'l' });
    const expected = [0.25, 0.5, 0.75].map((p) => Math.exp(1 + 2 * normalQuantile(p)));
    expect(l.gridValues(2)).toEqual(expected);
    expect(expected[0]).toBeLessThan(expected[2]!);
  });

  it('draws from both halves of a range wider than the largest double', () => {
    const n = new Numerical({ low: -1e308, high: 1e308, label: 'wide' });
    const rng = createRng(7);
    const values = Array.from({ length: 40 }, () => n.drawValue(rng));
    expect(values.some((v) => v < 0)).toBe(true);
    expect(values.some((v) => v > 0 && v < 1e308)).toBe(true);
  });

  it('walks grids up to granularity 20 and refuses 21', () => {
    const u = new Numerical({ low: 0, high: 1, quantize: 0.25, label: 'g' });
    expect(u.gridValues(20)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    let error: unknown;
    try {
      u.gridValues(21);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SearchSpaceError);
    expect((error as SearchSpaceError).code).toBe('grid-too-fine');
    expect((error as SearchSpaceError).path).toEqual(['g']);
    expect((error as SearchSpaceError).received).toBe(21);
  });
});

describe('Numerical value counts', () => {
  it.each([
    // Bounds that values round away from are not values: [1.4, 6] in steps of 2 holds 2, 4, 6.
    [1.4, 6, 2, 3],
    [0, 4.7, 2, 3],
    [0.7, 3, 1, 3],
    // Quotients that round across an integer, confirmed by multiplying back.
    [14.6, 15.2, 0.2, 4],
    [0.18, 0.27, 0.03, 4],
    [9.8, 11.9, 0.7, 4],
    [4.41, 4.69, 0.07, 5],
  ])('[%o, %o] in steps of %o has %o values', (low, high, quantize, count) => {
    const n = new Numerical({ low, high, quantize, label: 'c' });
    expect(n.valueCount).toBe(count);
    // The values strictly inside are the multiples k · q that the multiplication puts inside.
    let inner = 0;
    for (let k = Math.floor(low / quantize) - 2; k <= Math.ceil(high / quantize) + 2; k++) if (k * quantize > low && k * quantize < high) inner++;
    expect(count - inner).toBeGreaterThanOrEqual(0);
    expect(count - inner).toBeLessThanOrEqual(2);
  });
});

describe('Numerical membership', () => {
  const q = new Numerical({ low: 0.7, high: 3.3, quantize: 1, label: 'q' });

  it('accepts the bounds, multiples of the step and values within 1e-6 of one', () => {
    expect(q.problemWith(0.7)).toBeUndefined();
    expect(q.problemWith(3.3)).toBeUndefined();
    expect(q.problemWith(2)).toBeUndefined();
    expect(q.problemWith(2 + 1e-9)).toBeUndefined();
  });

  it('refuses what lies 1e-6 or more off a step, outside the bounds, or is no finite number', () => {
    const z = new Numerical({ low: 0, high: 3, quantize: 1, label: 'z' });
    expect(z.problemWith(1e-6)).toBe('a multiple of 1 or a bound (0, 3)');
    expect(q.problemWith(1.5)).toBe('a multiple of 1 or a bound (0.7, 3.3)');
    expect(q.problemWith(0)).toBe('a number in [0.7, 3.3]');
    expect(q.problemWith(Infinity)).toMatch(/^a finite number \(Numerical\(/);
    expect(new Numerical({ mu: 0, sigma: 1, label: 'n' }).problemWith(-Infinity)).toMatch(/^a finite number/);
  });

  it('accepts 0 in a quantised log-normal, but no negative number', () => {
    const l = new Numerical({ mu: 0, sigma: 1, log: true, quantize: 1, label: 'l' });
    expect(l.problemWith(0)).toBeUndefined();
    expect(l.problemWith(-1)).toBe('a number > 0 (the distribution is logarithmic)');
  });
});

describe('Numerical equality and description', () => {
  const base: NumericalOptions = { mu: 1, sigma: 2, log: true, quantize: 1, default: 3, low: 0, high: 10, label: 'e' };

  it('equals a numerical with the same fields only', () => {
    expect(new Numerical(base).equals(new Numerical(base))).toBe(true);
    const variants: NumericalOptions[] = [
      { ...base, label: 'f' },
      { ...base, low: 1 },
      { ...base, high: 9 },
      { ...base, mu: 2 },
      { ...base, sigma: 3 },
      { ...base, log: false },
      { ...base, quantize: 0.5 },
      { ...base, default: 4 },
    ];
    for (const options of variants) expect(new Numerical(base).equals(new Numerical(options))).toBe(false);
    const n = new Numerical(base);
    expect(n.equals({ ...n, label: n.label, low: n.low, high: n.high })).toBe(false);
  });

  it('names a logarithmic distribution', () => {
    expect(new Numerical({ low: 1, high: 2, log: true, label: 'd' }).describe()).toContain('log_distributed=True');
    expect(new Numerical({ low: 1, high: 2, label: 'd' }).describe()).not.toContain('log_distributed');
  });
});
