import { type Sample, createRng } from '@archspace/mutables';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTfBackend } from '../backend.js';
import { tf } from '../tf.js';
import { Enas, type EnasOptions } from './enas.js';
import { OneShotError } from './one-shot-error.js';
import type { OneShotBatch, OneShotContext } from './one-shot-strategy.js';
import type { PathSetting, Supernet, SupernetChoice } from './supernet.js';

const choices: readonly SupernetChoice[] = [
  { label: 'constructor', kind: 'layer-choice', names: ['conv', 'pool', 'skip'], nChosen: 1 },
  { label: '__proto__', kind: 'input-choice', names: [0, 1], nChosen: 1 },
];

/**
 * A stand-in supernet whose predictions are right on the first half of a batch when the sample
 * picks `pool`, and on the second half when it picks input 1: the rewards clearly favour them.
 */
function toyContext(): { context: OneShotContext; trained: Sample[]; forwards: () => number } {
  let forwards = 0;
  const supernet = {
    choices,
    forward(x: tf.Tensor, path: PathSetting) {
      forwards++;
      const sample = (path as { sample: Sample }).sample;
      const n = x.shape[0]!;
      const right = (i: number) => (i < n / 2 ? sample['constructor'] === 'pool' : (sample['__proto__'] as number[])[0] === 1);
      // Labels are i mod 2: a right row predicts it, a wrong one the other class.
      return tf.tensor2d(Array.from({ length: n }, (_, i) => (right(i) === (i % 2 === 0) ? [1, 0] : [0, 1])));
    },
  } as unknown as Supernet;
  const trained: Sample[] = [];
  const context = {
    supernet,
    rng: createRng(1),
    trainWeights: (_batch: OneShotBatch, path: PathSetting) => {
      trained.push((path as { sample: Sample }).sample);
      return 0.5;
    },
    validationAccuracy: () => 0,
  } as unknown as OneShotContext;
  return { context, trained, forwards: () => forwards };
}

function toyBatch(n = 8): OneShotBatch {
  return { x: tf.zeros([n, 1]), y: tf.oneHot(Array.from({ length: n }, (_, i) => i % 2), 2) };
}

describe('Enas: the controller learns from rewards, on its schedule', () => {
  beforeAll(async () => {
    await useTfBackend('cpu');
  });

  it('raises the probability of the candidate and the input that earn the reward, and trains the weights along its draws', () => {
    const enas = new Enas({ controllerLearningRate: 0.05 });
    const { context, trained } = toyContext();
    const batch = toyBatch();
    enas.prepare(context);
    expect(enas.probabilities().get('constructor')).toEqual([1 / 3, 1 / 3, 1 / 3]);
    for (let i = 0; i < 60; i++) expect(enas.step(context, batch, batch)).toBe(0.5);
    tf.dispose([batch.x, batch.y]);
    const p = enas.probabilities();
    expect(p.get('constructor')![1]).toBeGreaterThan(0.7);
    expect(p.get('__proto__')![1]).toBeGreaterThan(0.7);
    expect(enas.baseline).toBeGreaterThan(0.6);
    expect(enas.result(context)).toEqual({ constructor: 'pool', ['__proto__']: [1] });
    // The shared weights follow the policy: uniform draws would pick pool a third of the time.
    expect(trained.slice(-20).filter((s) => s['constructor'] === 'pool').length).toBeGreaterThan(12);
  });

  it('trains the controller every `controllerEvery` steps, `controllerSamples` draws each time, and frees its tensors', () => {
    const enas = new Enas({ controllerEvery: 3, controllerSamples: 4 });
    const { context, trained, forwards } = toyContext();
    const batch = toyBatch();
    const tensors = tf.memory().numTensors;
    enas.prepare(context);
    for (let i = 0; i < 7; i++) enas.step(context, batch, batch);
    expect(tf.memory().numTensors).toBe(tensors);
    tf.dispose([batch.x, batch.y]);
    expect(trained).toHaveLength(7);
    expect(forwards()).toBe(2 * 4);
  });

  it('returns the best of the most probable architecture and `resultSamples` draws by validation accuracy', () => {
    const enas = new Enas({ resultSamples: 30 });
    const { context } = toyContext();
    const scored: Sample[] = [];
    const scoring = { ...context, validationAccuracy: (s: Sample) => (scored.push(s), s['constructor'] === 'skip' ? 1 : 0) } as OneShotContext;
    enas.prepare(scoring);
    expect(enas.result(scoring)['constructor']).toBe('skip');
    // The uniform policy's most probable architecture (ties: the first value) is scored first, and
    // each of the six architectures once.
    expect(scored[0]).toEqual({ constructor: 'conv', ['__proto__']: [0] });
    expect(new Set(scored.map((s) => JSON.stringify([s['constructor'], s['__proto__']]))).size).toBe(6);
    expect(scored).toHaveLength(6);
  });

  it.each<[EnasOptions, string, RegExp]>([
    [{ controllerLearningRate: 0 }, 'controllerLearningRate', /finite number > 0/],
    [{ controllerLearningRate: Number.NaN }, 'controllerLearningRate', /finite number > 0/],
    [{ baselineDecay: 1 }, 'baselineDecay', /from 0 \(inclusive\) to 1 \(exclusive\)/],
    [{ baselineDecay: -0.1 }, 'baselineDecay', /from 0 \(inclusive\) to 1 \(exclusive\)/],
    [{ baselineDecay: '0.5' } as unknown as EnasOptions, 'baselineDecay', /from 0 \(inclusive\) to 1 \(exclusive\)/],
    [{ entropyWeight: -1e-3 }, 'entropyWeight', /finite number ≥ 0/],
    [{ entropyWeight: Number.POSITIVE_INFINITY }, 'entropyWeight', /finite number ≥ 0/],
    [{ controllerEvery: 0 }, 'controllerEvery', /integer from 1 to 10000/],
    [{ controllerEvery: 1.5 }, 'controllerEvery', /integer from 1 to 10000/],
    [{ controllerSamples: 0 }, 'controllerSamples', /integer from 1 to 10000/],
    [{ resultSamples: -1 }, 'resultSamples', /integer from 0 to 10000/],
    [{ resultSamples: 10_001 }, 'resultSamples', /integer from 0 to 10000/],
    [{ controllerSample: 2 } as EnasOptions, 'controllerSample', /Enas has no option "controllerSample"; its options are controllerLearningRate, /],
  ])('refuses %o, naming the option and what it allows', (options, name, allowed) => {
    const error = (() => {
      try {
        new Enas(options);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(OneShotError);
    expect((error as OneShotError).code).toBe('invalid-option');
    expect((error as OneShotError).path).toEqual(['Enas', name]);
    expect((error as OneShotError).message).toMatch(allowed);
  });

  it('either accepts options within their ranges or refuses them with an invalid-option OneShotError (fuzzed)', () => {
    const anything = fc.oneof(fc.double(), fc.integer({ min: -5, max: 20_000 }), fc.string(), fc.constant(null), fc.boolean());
    const names = ['controllerLearningRate', 'baselineDecay', 'entropyWeight', 'controllerEvery', 'controllerSamples', 'resultSamples', 'lr'];
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...names), anything, { maxKeys: 3 }), (options) => {
        let enas: Enas;
        try {
          enas = new Enas(options as EnasOptions);
        } catch (e) {
          expect(e).toBeInstanceOf(OneShotError);
          expect((e as OneShotError).code).toBe('invalid-option');
          return;
        }
        expect(enas.controllerLearningRate).toBeGreaterThan(0);
        expect(enas.baselineDecay >= 0 && enas.baselineDecay < 1).toBe(true);
        expect(enas.entropyWeight).toBeGreaterThanOrEqual(0);
        for (const count of [enas.controllerEvery, enas.controllerSamples, enas.resultSamples + 1]) expect(Number.isInteger(count) && count >= 1).toBe(true);
      }),
      { numRuns: 300, seed: 6 },
    );
  });

  it('refuses to step before prepare', () => {
    const { context } = toyContext();
    const batch = toyBatch();
    expect(() => new Enas().step(context, batch, batch)).toThrow(/prepare\(\) must run before step\(\)/);
    tf.dispose([batch.x, batch.y]);
  });
});
