import { createRng } from '@archspace/mutables';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SoftmaxLogits, addEntropyGradient, drawIndex, softmax } from './softmax-logits.js';

const logitArrays = fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 1, maxLength: 8 });

describe('SoftmaxLogits and its helpers', () => {
  it('softmax sums to 1 and gives -Infinity logits probability 0, which drawIndex never draws', () => {
    fc.assert(
      fc.property(logitArrays, fc.integer(), (logits, seed) => {
        const masked = Float64Array.from(logits, (v, i) => (i % 2 === 1 ? -Infinity : v));
        const p = softmax(masked);
        expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
        const rng = createRng(seed);
        for (let n = 0; n < 20; n++) expect(drawIndex(p, rng) % 2).toBe(0);
      }),
      { numRuns: 100, seed: 1 },
    );
  });

  it('adds the gradient of the entropy (checked by finite differences)', () => {
    const entropy = (logits: readonly number[]) => -Array.from(softmax(Float64Array.from(logits))).reduce((h, p) => h + (p > 0 ? p * Math.log(p) : 0), 0);
    fc.assert(
      fc.property(logitArrays, fc.double({ min: 0.1, max: 2, noNaN: true }), (logits, weight) => {
        const gradient = new Float64Array(logits.length);
        addEntropyGradient(gradient, softmax(Float64Array.from(logits)), weight);
        logits.forEach((_, i) => {
          const at = (h: number) => logits.map((v, j) => (j === i ? v + h : v));
          expect(gradient[i]).toBeCloseTo((weight * (entropy(at(1e-6)) - entropy(at(-1e-6)))) / 2e-6, 5);
        });
      }),
      { numRuns: 100, seed: 2 },
    );
  });

  it('ascends: a positive gradient on one value makes it more probable, a prior of 0 stays 0', () => {
    const logits = new SoftmaxLogits(3, [0.5, 0.5, 0]);
    expect(Array.from(logits.probabilities())).toEqual([0.5, 0.5, 0]);
    for (let i = 0; i < 10; i++) logits.ascend(Float64Array.of(1, -1, 1), 0.1);
    const p = logits.probabilities();
    expect(p[0]).toBeGreaterThan(0.8);
    expect(p[2]).toBe(0);
  });
});
