import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parameterImportance, type ScoredSample } from './parameter-importance.js';

/** A seeded uniform draw in [0, 1) (a small LCG, so the tests never depend on Math.random). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const byLabel = (result: ReturnType<typeof parameterImportance>, label: string) => result.find((r) => r.label === label)!;

describe('parameterImportance', () => {
  it('puts a categorical label that fully determines the metric on top, and pure noise near 0', () => {
    const draw = rng(1);
    const trials: ScoredSample[] = Array.from({ length: 300 }, () => {
      const opt = ['adam', 'sgd', 'rms', 'ada'][Math.floor(draw() * 4)]!;
      return { sample: { opt, noise: draw(), color: ['red', 'blue', 'green'][Math.floor(draw() * 3)] }, value: { adam: 0.9, sgd: 0.5, rms: 0.7, ada: 0.1 }[opt]! };
    });
    const result = parameterImportance(trials);
    expect(result[0]).toMatchObject({ label: 'opt', kind: 'categorical', active: 300 });
    expect(result[0]!.importance).toBeGreaterThan(0.95);
    expect(byLabel(result, 'noise')).toMatchObject({ kind: 'numerical' });
    expect(byLabel(result, 'noise').importance).toBeLessThan(0.03);
    expect(byLabel(result, 'color').importance).toBeLessThan(0.03);
  });

  it('bins a numerical label into quantiles and ranks it above noise', () => {
    const draw = rng(2);
    const trials: ScoredSample[] = Array.from({ length: 400 }, () => {
      const lr = 10 ** (-4 + 3 * draw());
      return { sample: { lr, batch: [16, 32, 64][Math.floor(draw() * 3)] }, value: Math.log10(lr) + 0.1 * draw() };
    });
    const result = parameterImportance(trials);
    expect(result[0]).toMatchObject({ label: 'lr', kind: 'numerical' });
    expect(result[0]!.importance).toBeGreaterThan(0.9);
    expect(byLabel(result, 'batch').importance).toBeLessThan(0.05);
  });

  it('treats an absent label (a nested choice) as its own group, and any text as a label', () => {
    const draw = rng(3);
    const trials: ScoredSample[] = Array.from({ length: 200 }, () => {
      const kind = draw() < 0.5 ? 'conv' : 'pool';
      const entries: [string, unknown][] = [['__proto__', kind]];
      // "kernel" exists only for conv layers and decides their metric.
      if (kind === 'conv') entries.push(['kernel', draw() < 0.5 ? 3 : 5]);
      entries.push(['constructor', draw()]);
      const sample = Object.fromEntries(entries);
      return { sample, value: kind === 'pool' ? 0.5 : sample['kernel'] === 3 ? 0.2 : 0.8 };
    });
    const result = parameterImportance(trials);
    expect(result.map((r) => r.label).sort()).toEqual(['__proto__', 'constructor', 'kernel']);
    expect(byLabel(result, 'kernel').active).toBe(trials.filter((t) => Object.hasOwn(t.sample, 'kernel')).length);
    expect(byLabel(result, 'kernel').importance).toBeGreaterThan(byLabel(result, 'constructor').importance);
    expect(byLabel(result, '__proto__').kind).toBe('categorical');
    expect(byLabel(result, 'constructor').importance).toBeLessThan(0.05);
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });

  it('gives all zeros when the metric never varies, and nothing for no trials', () => {
    expect(parameterImportance([])).toEqual([]);
    const flat = parameterImportance([1, 2, 3, 4].map((x) => ({ sample: { x }, value: 0.5 })));
    expect(flat).toEqual([{ label: 'x', kind: 'numerical', importance: 0, active: 4 }]);
  });

  it('always gives importances in [0, 1] that sum to 1 (or are all 0), most important first', () => {
    const sample = fc.dictionary(fc.constantFrom('a', 'b', '__proto__', ''), fc.oneof(fc.integer({ min: 0, max: 5 }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom('x', 'y')), { maxKeys: 4 });
    fc.assert(
      fc.property(fc.array(fc.record({ sample, value: fc.double({ min: -1e6, max: 1e6, noNaN: true }) }), { maxLength: 60 }), (trials) => {
        const result = parameterImportance(trials);
        let sum = 0;
        for (const r of result) {
          expect(r.importance).toBeGreaterThanOrEqual(0);
          expect(r.importance).toBeLessThanOrEqual(1);
          sum += r.importance;
        }
        if (sum > 0) expect(sum).toBeCloseTo(1, 9);
        for (let i = 1; i < result.length; i++) expect(result[i - 1]!.importance).toBeGreaterThanOrEqual(result[i]!.importance);
      }),
      { numRuns: 200 },
    );
  });
});
