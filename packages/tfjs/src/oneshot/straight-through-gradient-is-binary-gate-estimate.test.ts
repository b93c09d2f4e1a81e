import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '@archspace/mutables';
import { useTfBackend } from '../backend.js';
import { tf } from '../tf.js';
import { ArchitectureLogits } from './architecture-logits.js';
import { hardWeights, straightThrough } from './straight-through.js';

describe('straight-through gates', () => {
  beforeAll(async () => {
    await useTfBackend('cpu');
  });

  it('are exactly the hard gates in value, and give the logits ProxylessNAS\' binary-gate gradient', () => {
    const logits = fc.array(fc.double({ min: -4, max: 4, noNaN: true }), { minLength: 2, maxLength: 6 });
    fc.assert(
      fc.property(logits, fc.nat(), fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 6, maxLength: 6 }), (alpha, pick, upstream) => {
        const n = alpha.length;
        const chosen = pick % n;
        const c = upstream.slice(0, n);
        const { value, gradient, p } = tf.tidy(() => {
          const a = tf.tensor1d(alpha);
          const hard = hardWeights(n, [chosen]);
          const gates = straightThrough(tf.softmax(a) as tf.Tensor1D, hard);
          const grad = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(straightThrough(tf.softmax(x) as tf.Tensor1D, hard), tf.tensor1d(c))))(a);
          return { value: Array.from(gates.dataSync()), gradient: Array.from(grad.dataSync()), p: Array.from(tf.softmax(a).dataSync()) };
        });
        expect(value).toEqual(Array.from({ length: n }, (_, j) => (j === chosen ? 1 : 0)));
        // ∂L/∂g_j = c_j; ∂L/∂α_i = Σ_j c_j p_j (δ_ij − p_i).
        const expected = p.map((pi, i) => c.reduce((sum, cj, j) => sum + cj * p[j]! * ((i === j ? 1 : 0) - pi), 0));
        gradient.forEach((g, i) => expect(g).toBeCloseTo(expected[i]!, 4));
      }),
      { numRuns: 40, seed: 17 },
    );
  });

  it('spread 1/k over the k inputs kept, as a softmax spreads 1', () => {
    const w = hardWeights(4, [1, 3]);
    expect(Array.from(w.dataSync())).toEqual([0, 0.5, 0, 0.5]);
    w.dispose();
  });
});

describe('Gumbel draws of the architecture logits', () => {
  beforeAll(async () => {
    await useTfBackend('cpu');
  });

  it('pick each candidate as often as the softmax of the logits says, and InputChoices without repeats', () => {
    const choices = [
      { label: 'constructor', kind: 'layer-choice', names: ['a', 'b', 'c'], nChosen: 1 },
      { label: '__proto__', kind: 'input-choice', names: [0, 1, 2, 3], nChosen: 2 },
    ] as const;
    const logits = new ArchitectureLogits('test');
    logits.reset(choices, createRng(0));
    logits.of('constructor').assign(tf.tensor1d([0, 1, 2]));
    const rng = createRng(3);
    const counts = [0, 0, 0];
    for (let i = 0; i < 4000; i++) {
      const draws = logits.draw(choices, rng);
      counts[draws.get('constructor')!.chosen[0]!]!++;
      const sample = ArchitectureLogits.sampleOf(choices, draws);
      const inputs = sample['__proto__'] as number[];
      expect(new Set(inputs).size).toBe(2);
      expect(inputs).toEqual([...inputs].sort((a, b) => a - b));
    }
    const softmax = [1, Math.E, Math.E ** 2].map((e, _, all) => e / all.reduce((a, b) => a + b, 0));
    counts.forEach((count, i) => expect(Math.abs(count / 4000 - softmax[i]!)).toBeLessThan(0.025));
    const best = logits.best(choices);
    expect(best['constructor']).toBe('c');
    expect(Object.hasOwn(best, '__proto__') && (best['__proto__'] as number[]).length).toBe(2);
    logits.dispose();
    expect(logits.probabilities().get('constructor')![2]).toBeCloseTo(softmax[2]!, 5);
  });
});
