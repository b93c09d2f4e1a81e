import { describe, expect, it } from 'vitest';
import { SearchSpaceError } from '@archspace/ir';
import { Numerical } from './numerical.js';
import { createRng } from './rng.js';

describe('Numerical', () => {
  it('has the reference defaults: the quantised, clipped median', () => {
    expect(new Numerical({ low: 0, high: 1, label: 'u' }).defaultValue()).toBe(0.5);
    expect(new Numerical({ mu: 2, sigma: 3, label: 'n' }).defaultValue()).toBe(2);
    expect(new Numerical({ low: 1e-5, high: 1e-3, log: true, label: 'l' }).defaultValue()).toBeCloseTo(1e-4, 12);
    expect(new Numerical({ low: 0, high: 1, quantize: 0.3, label: 'q' }).defaultValue()).toBeCloseTo(0.6, 12);
  });

  it('walks the reference grid: quantiles i/2^g, rounded and clipped', () => {
    const u = new Numerical({ low: 0, high: 1, label: 'u' });
    expect(u.gridValues(1)).toEqual([0.5]);
    expect(u.gridValues(2)).toEqual([0.25, 0.5, 0.75]);
    expect(u.gridValues(3)).toEqual([0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875]);
    const n = new Numerical({ mu: 0, sigma: 1, label: 'n' });
    const [lo, mid, hi] = n.gridValues(2);
    expect(lo).toBeCloseTo(-0.6744897501960817, 8);
    expect(mid).toBe(0);
    expect(hi).toBeCloseTo(0.6744897501960817, 8);
    expect(new Numerical({ mu: 0, sigma: 1, quantize: 0.5, label: 'q' }).gridValues(3)).toEqual([-1, -0.5, 0, 0.5, 1]);
  });

  it('counts the values of a bounded quantised range exactly', () => {
    expect(new Numerical({ low: 0, high: 10, quantize: 2.5, label: 'a' }).valueCount).toBe(5);
    expect(new Numerical({ low: 2, high: 10, quantize: 5, label: 'b' }).valueCount).toBe(3);
    expect(new Numerical({ low: 0, high: 1, label: 'c' }).valueCount).toBe(Infinity);
    expect(new Numerical({ mu: 0, sigma: 1, quantize: 1, label: 'd' }).valueCount).toBe(Infinity);
  });

  it('samples quniform exactly as the reference: {0, 2.5, 5, 7.5, 10} and {2, 5, 10}', () => {
    const rng = createRng(3);
    const seen = (n: Numerical) => {
      const values = new Set<number>();
      for (let i = 0; i < 2000; i++) values.add(n.drawValue(rng));
      return [...values].sort((x, y) => x - y);
    };
    expect(seen(new Numerical({ low: 0, high: 10, quantize: 2.5, label: 'a' }))).toEqual([0, 2.5, 5, 7.5, 10]);
    expect(seen(new Numerical({ low: 2, high: 10, quantize: 5, label: 'b' }))).toEqual([2, 5, 10]);
  });

  it('validates bounds, logarithmic positivity and multiples of q', () => {
    const q = new Numerical({ low: 0, high: 10, quantize: 2.5, label: 'q' });
    expect(q.contains({ q: 7.5 })).toBe(true);
    expect(q.contains({ q: 7 })).toBe(false);
    expect(q.contains({ q: 11 })).toBe(false);
    expect(q.contains({ q: '5' })).toBe(false);
    expect(q.contains({ q: Number.NaN })).toBe(false);
    const l = new Numerical({ mu: 0, sigma: 1, log: true, label: 'l' });
    expect(l.contains({ l: 0 })).toBe(false);
    expect(l.contains({ l: 0.1 })).toBe(true);
  });

  it('accepts the 0 a quantised log-normal rounds to, where the reference fails', () => {
    const n = new Numerical({ mu: -5, sigma: 0.1, log: true, quantize: 1, label: 'tiny' });
    expect(n.defaultValue()).toBe(0);
    expect(n.contains({ tiny: 0 })).toBe(true);
    expect(n.random(createRng(1))).toEqual({ tiny: 0 });
    expect([...n.grid({ granularity: 2 })]).toEqual([{ tiny: 0 }]);
  });

  it('refuses NaN, booleans, empty ranges, sigma <= 0, q <= 0 and non-positive log bounds', () => {
    expect(() => new Numerical({ low: Number.NaN, high: 1, label: 'x' })).toThrow(SearchSpaceError);
    expect(() => new Numerical({ low: true as unknown as number, high: 1, label: 'x' })).toThrow(/number/);
    expect(() => new Numerical({ low: 1, high: 1, label: 'x' })).toThrow(/greater than low/);
    expect(() => new Numerical({ mu: 0, sigma: 0, label: 'x' })).toThrow(/sigma/);
    expect(() => new Numerical({ low: 0, high: 1, quantize: 0, label: 'x' })).toThrow(/step/);
    expect(() => new Numerical({ low: 0, high: 1, log: true, label: 'x' })).toThrow(/> 0/);
    expect(() => new Numerical({ low: 0, label: 'x' })).toThrow(/finite upper bound/);
  });

  it('describes itself in the reference order', () => {
    expect(new Numerical({ low: 0, high: 1, label: 'a' }).describe()).toBe("Numerical(0, 1, label='a')");
    expect(new Numerical({ low: 2.5, high: 5.5, quantize: 2, label: 'x' }).describe()).toBe("Numerical(2.5, 5.5, q=2, label='x')");
    expect(new Numerical({ mu: 0, sigma: 1, label: 'x' }).describe()).toBe("Numerical(-inf, inf, mu=0, sigma=1, label='x')");
  });
});

describe('Numerical and negative zero', () => {
  it('never draws -0, which JSON would turn into 0 (an underflow to -0 in a tiny quantised range)', () => {
    const n = new Numerical({ low: -9e-323, high: 9e-323, quantize: 38.375558314166064, label: 'tiny' });
    const rng = createRng(0);
    for (let i = 0; i < 200; i++) expect(Object.is(n.drawValue(rng), -0)).toBe(false);
    expect(Object.is(n.qclip(-1e-320), -0)).toBe(false);
  });
});
