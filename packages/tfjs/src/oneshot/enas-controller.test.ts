import { createRng } from '@archspace/mutables';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EnasController, logProbabilityGradient } from './enas-controller.js';
import type { SupernetChoice } from './supernet.js';

const op: SupernetChoice = { label: 'constructor', kind: 'layer-choice', names: ['conv', 'pool', 'skip'], nChosen: 1 };
const inputs = (n: number, k: number, label = '__proto__'): SupernetChoice => ({ label, kind: 'input-choice', names: Array.from({ length: n }, (_, i) => i), nChosen: k });

describe('EnasController (factorised softmax, REINFORCE)', () => {
  it('starts uniform, and draws a value of every choice (nChosen distinct sorted inputs) under labels such as "__proto__"', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 5 }), fc.integer(), (n, extra, seed) => {
        const k = 1 + (extra % n);
        const controller = new EnasController([op, inputs(n, k)]);
        expect(controller.probabilities().get('__proto__')).toEqual(Array.from({ length: n }, () => 1 / n));
        const { sample, draws } = controller.draw(createRng(seed));
        expect(Object.hasOwn(sample, '__proto__') && Object.hasOwn(sample, 'constructor')).toBe(true);
        expect(['conv', 'pool', 'skip']).toContain(sample['constructor']);
        const chosen = sample['__proto__'] as number[];
        expect(chosen).toHaveLength(k);
        expect(new Set(chosen).size).toBe(k);
        expect([...chosen].sort((a, b) => a - b)).toEqual(chosen);
        expect([...draws.get('__proto__')!].sort((a, b) => a - b)).toEqual(chosen);
      }),
      { numRuns: 50, seed: 11 },
    );
  });

  it('keys its samples and probabilities by the labels of the choices, whatever they are (fuzzed)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 4 }), (labels) => {
        const controller = new EnasController(labels.map((label, i) => (i % 2 === 0 ? { ...op, label } : inputs(3, 2, label))));
        const { sample } = controller.draw(createRng(0));
        expect(Object.keys(sample).sort()).toEqual([...labels].sort());
        expect(Object.keys(controller.mostProbable()).sort()).toEqual([...labels].sort());
        expect([...controller.probabilities().keys()]).toEqual(labels);
      }),
      { numRuns: 100, seed: 12 },
    );
  });

  it('repeats its draws and updates exactly with the same seed', () => {
    const run = () => {
      const controller = new EnasController([op, inputs(4, 2)]);
      const rng = createRng(5);
      const samples = [];
      for (let i = 0; i < 20; i++) {
        const draw = controller.draw(rng);
        samples.push(draw.sample);
        controller.reinforce(draw, rng.next() - 0.5, 0.1, 1e-3);
      }
      return { samples, probabilities: controller.probabilities() };
    };
    expect(run()).toEqual(run());
  });

  it('makes the candidate that earns the reward more probable (and the rewarded inputs of an InputChoice)', () => {
    const controller = new EnasController([op, inputs(4, 2)]);
    const rng = createRng(3);
    let baseline = 0.5;
    for (let i = 0; i < 200; i++) {
      const draw = controller.draw(rng);
      const chosen = draw.sample['__proto__'] as number[];
      const reward = (draw.sample['constructor'] === 'pool' ? 0.5 : 0) + (chosen.includes(1) ? 0.25 : 0) + (chosen.includes(3) ? 0.25 : 0);
      controller.reinforce(draw, reward - baseline, 0.05, 1e-4);
      baseline = 0.9 * baseline + 0.1 * reward;
    }
    const p = controller.probabilities();
    expect(p.get('constructor')![1]).toBeGreaterThan(0.8);
    const q = p.get('__proto__')!;
    expect(q[1]! + q[3]!).toBeGreaterThan(0.8);
    expect(controller.mostProbable()).toEqual({ constructor: 'pool', ['__proto__']: [1, 3] });
  });

  it('computes the gradient of the log-probability of ordered draws without replacement (checked by finite differences)', () => {
    const logProbability = (logits: readonly number[], drawn: readonly number[]) => {
      let total = 0;
      const left = new Set(logits.map((_, i) => i));
      for (const a of drawn) {
        total += logits[a]! - Math.log([...left].reduce((sum, i) => sum + Math.exp(logits[i]!), 0));
        left.delete(a);
      }
      return total;
    };
    const logitsAndDraws = fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 1, maxLength: 6 }).chain((logits) =>
      fc.tuple(fc.constant(logits), fc.shuffledSubarray(logits.map((_, i) => i), { minLength: 1 })),
    );
    fc.assert(
      fc.property(logitsAndDraws, ([logits, drawn]) => {
        const gradient = logProbabilityGradient(Float64Array.from(logits), drawn);
        logits.forEach((_, i) => {
          const shifted = (h: number) => logits.map((v, j) => (j === i ? v + h : v));
          const numeric = (logProbability(shifted(1e-5), drawn) - logProbability(shifted(-1e-5), drawn)) / 2e-5;
          expect(gradient[i]).toBeCloseTo(numeric, 5);
        });
      }),
      { numRuns: 100, seed: 4 },
    );
  });
});
