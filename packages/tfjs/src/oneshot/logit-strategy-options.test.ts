import { beforeAll, describe, expect, it } from 'vitest';
import { useTfBackend } from '../backend.js';
import { Darts } from './darts.js';
import { GumbelDarts } from './gumbel-darts.js';
import { OneShotError } from './one-shot-error.js';
import type { OneShotBatch, OneShotContext } from './one-shot-strategy.js';
import { oneShot } from './one-shot.js';
import { Proxyless } from './proxyless.js';
import { RandomOneShot } from './random-one-shot.js';
import { SkipSpace, smallShapes } from './test-support/small-spaces.js';

function refusal(make: () => unknown): OneShotError {
  let error: unknown;
  try {
    make();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(OneShotError);
  expect((error as OneShotError).code).toBe('invalid-option');
  return error as OneShotError;
}

describe('options of the gradient-based one-shot strategies', () => {
  it('refuses learning rates, decays and temperatures out of range, naming the strategy and the option', () => {
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(refusal(() => new GumbelDarts({ archLearningRate: bad })).path).toEqual(['GumbelDarts', 'archLearningRate']);
      expect(refusal(() => new Proxyless({ archLearningRate: bad })).path).toEqual(['Proxyless', 'archLearningRate']);
      expect(refusal(() => new Darts({ archLearningRate: bad })).path).toEqual(['Darts', 'archLearningRate']);
      expect(refusal(() => new GumbelDarts({ tauMax: bad })).path).toEqual(['GumbelDarts', 'tauMax']);
      expect(refusal(() => new GumbelDarts({ tauMin: bad })).path).toEqual(['GumbelDarts', 'tauMin']);
    }
    expect(refusal(() => new GumbelDarts({ archWeightDecay: -1e-3 })).message).toMatch(/GumbelDarts.*archWeightDecay[\s\S]*a finite number ≥ 0/);
    const inverted = refusal(() => new GumbelDarts({ tauMax: 1, tauMin: 2 }));
    expect(inverted.path).toEqual(['GumbelDarts', 'tauMin']);
    expect(inverted.message).toMatch(/≤ tauMax \(1\)/);
    expect(new GumbelDarts({ archWeightDecay: 0, tauMax: 0.5, tauMin: 0.5 }).tauMin).toBe(0.5);
  });

  it('anneals the temperature linearly from tauMax at the first step to tauMin at the last', () => {
    const gdas = new GumbelDarts();
    expect([gdas.tauMax, gdas.tauMin]).toEqual([10, 0.1]);
    expect(gdas.temperature(0, 12)).toBe(10);
    expect(gdas.temperature(11, 12)).toBeCloseTo(0.1, 12);
    expect(gdas.temperature(0, 1)).toBe(10);
    const taus = Array.from({ length: 12 }, (_, i) => gdas.temperature(i, 12));
    const gaps = taus.slice(1).map((t, i) => taus[i]! - t);
    for (const gap of gaps) expect(gap).toBeCloseTo(9.9 / 11, 10);
  });
});

describe('oneShot tells a strategy where the run is', () => {
  beforeAll(async () => {
    await useTfBackend('cpu');
  });

  it('passes stepIndex 0 … totalSteps − 1 across epochs', async () => {
    const seen: [number, number][] = [];
    class Recording extends RandomOneShot {
      override step(context: OneShotContext, train: OneShotBatch): number {
        seen.push([context.stepIndex, context.totalSteps]);
        return super.step(context, train);
      }
    }
    await oneShot(SkipSpace.create(1, 'sum'), { strategy: new Recording({ population: 2, generations: 0 }), data: smallShapes(), epochs: 3, batchSize: 24, stepsPerEpoch: 2 });
    expect(seen).toEqual([0, 1, 2, 3, 4, 5].map((i) => [i, 6]));
  });
});
