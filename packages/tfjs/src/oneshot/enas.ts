/**
 * ENAS (Pham et al. 2018): the shared weights train on single paths drawn from a controller's
 * policy, and the controller learns by REINFORCE from the validation accuracy that its architectures
 * reach with the weights they inherit.
 */
import type { Sample } from '@archspace/mutables';
import { sampleKey } from '@archspace/strategies';
import { tf } from '../tf.js';
import { type ControllerDraw, EnasController } from './enas-controller.js';
import { OneShotError } from './one-shot-error.js';
import type { OneShotBatch, OneShotContext, OneShotStrategy } from './one-shot-strategy.js';

/** Options of {@link Enas}. */
export interface EnasOptions {
  /** Adam step size of the controller's logits (default 0.05). */
  readonly controllerLearningRate?: number;
  /**
   * Decay of the moving-average reward baseline, in [0, 1) (default 0.9; bias-corrected, so the
   * first rewards are not compared with 0). ENAS uses 0.99 over thousands of controller steps.
   */
  readonly baselineDecay?: number;
  /** Weight of the entropy bonus that keeps the policy from collapsing early (default 1e-4, ENAS' own). */
  readonly entropyWeight?: number;
  /** Train the controller every this many steps (default 1). */
  readonly controllerEvery?: number;
  /** Controller updates each time it trains, one drawn architecture each, on the step's validation batch (default 2). */
  readonly controllerSamples?: number;
  /**
   * Architectures drawn from the final policy and scored with `validationAccuracy` next to the most
   * probable one; the best is the result (default 0: the most probable architecture, unscored).
   */
  readonly resultSamples?: number;
}

const OPTION_NAMES: readonly string[] = ['controllerLearningRate', 'baselineDecay', 'entropyWeight', 'controllerEvery', 'controllerSamples', 'resultSamples'];

function invalid(name: string, expected: string, received: unknown): OneShotError {
  return new OneShotError({ code: 'invalid-option', path: ['Enas', name], expected, received });
}

function checkCount(value: number, name: string, min: number): number {
  if (!Number.isInteger(value) || value < min || value > 10_000) throw invalid(name, `an integer from ${min} to 10000`, value);
  return value;
}

function checkNonNegative(value: number, name: string, allowZero: boolean): number {
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) throw invalid(name, allowZero ? 'a finite number ≥ 0' : 'a finite number > 0', value);
  return value;
}

/**
 * ENAS with a factorised controller: one independent softmax per choice instead of ENAS' LSTM.
 * Each step trains the shared weights along one architecture drawn from the policy; every
 * `controllerEvery` steps the controller draws `controllerSamples` architectures, rewards each by
 * its accuracy on the step's validation batch (inherited weights, batch statistics) and takes one
 * REINFORCE step per draw against a moving-average baseline, with an entropy bonus. The result is
 * the policy's most probable architecture (or the best-scoring of it and `resultSamples` draws).
 *
 * @example
 * ```ts
 * const enas = new Enas({ controllerLearningRate: 0.05, controllerSamples: 2 });
 * const result = await oneShot(space, { strategy: enas, data, epochs: 2 });
 * enas.probabilities(); // the final policy, by label
 * ```
 */
export class Enas implements OneShotStrategy {
  readonly name = 'Enas';
  readonly controllerLearningRate: number;
  readonly baselineDecay: number;
  readonly entropyWeight: number;
  readonly controllerEvery: number;
  readonly controllerSamples: number;
  readonly resultSamples: number;
  #controller: EnasController | undefined;
  #steps = 0;
  /** Bias-corrected moving average of the rewards: numerator and weight. */
  #baselineSum = 0;
  #baselineWeight = 0;

  constructor(options: EnasOptions = {}) {
    for (const name of Object.keys(options)) {
      if (!OPTION_NAMES.includes(name)) {
        throw new OneShotError({ code: 'invalid-option', path: ['Enas', name], expected: `one of ${OPTION_NAMES.join(', ')}`, received: name, message: `Enas has no option "${name}"; its options are ${OPTION_NAMES.join(', ')}` });
      }
    }
    this.controllerLearningRate = checkNonNegative(options.controllerLearningRate ?? 0.05, 'controllerLearningRate', false);
    const decay = options.baselineDecay ?? 0.9;
    if (typeof decay !== 'number' || !(decay >= 0 && decay < 1)) throw invalid('baselineDecay', 'a number from 0 (inclusive) to 1 (exclusive)', decay);
    this.baselineDecay = decay;
    this.entropyWeight = checkNonNegative(options.entropyWeight ?? 1e-4, 'entropyWeight', true);
    this.controllerEvery = checkCount(options.controllerEvery ?? 1, 'controllerEvery', 1);
    this.controllerSamples = checkCount(options.controllerSamples ?? 2, 'controllerSamples', 1);
    this.resultSamples = checkCount(options.resultSamples ?? 0, 'resultSamples', 0);
  }

  /** The reward baseline (moving average of the rewards so far), or `undefined` before the first reward. */
  get baseline(): number | undefined {
    return this.#baselineWeight === 0 ? undefined : this.#baselineSum / this.#baselineWeight;
  }

  /** @inheritdoc Starts a uniform policy over the supernet's choices and forgets the baseline. */
  prepare(context: OneShotContext): void {
    this.#controller = new EnasController(context.supernet.choices);
    this.#steps = 0;
    this.#baselineSum = 0;
    this.#baselineWeight = 0;
  }

  /** @inheritdoc Trains the weights along a drawn path on `train`, then (every `controllerEvery` steps) the controller on `validation`. */
  step(context: OneShotContext, train: OneShotBatch, validation: OneShotBatch): number {
    const controller = this.#live();
    const loss = context.trainWeights(train, { sample: controller.draw(context.rng).sample });
    this.#steps++;
    if (this.#steps % this.controllerEvery === 0) {
      for (let s = 0; s < this.controllerSamples; s++) this.#trainController(context, controller, validation);
    }
    return loss;
  }

  /** @inheritdoc The most probable architecture, or the best by `validationAccuracy` of it and `resultSamples` draws. */
  result(context: OneShotContext): Sample {
    const controller = this.#live();
    const best = controller.mostProbable();
    if (this.resultSamples === 0) return best;
    const candidates = new Map([[sampleKey(best), best]]);
    for (let i = 0; i < this.resultSamples; i++) {
      const { sample } = controller.draw(context.rng);
      const key = sampleKey(sample);
      if (!candidates.has(key)) candidates.set(key, sample);
    }
    let winner = { sample: best, accuracy: -Infinity };
    for (const sample of candidates.values()) {
      const accuracy = context.validationAccuracy(sample);
      if (accuracy > winner.accuracy) winner = { sample, accuracy };
    }
    return winner.sample;
  }

  /** The policy's probabilities by label (an InputChoice's: of its first draw): during the search, or as the last one ended. */
  probabilities(): Map<string, number[]> {
    return this.#controller?.probabilities() ?? new Map();
  }

  /** @inheritdoc Nothing to free: the controller lives on plain arrays (kept for {@link Enas.probabilities}). */
  dispose(): void {}

  #live(): EnasController {
    if (this.#controller === undefined) throw new Error('Enas: prepare() must run before step() and result()');
    return this.#controller;
  }

  /** Draws an architecture, rewards it by its accuracy on `validation`, and takes one REINFORCE step. */
  #trainController(context: OneShotContext, controller: EnasController, validation: OneShotBatch): void {
    const draw: ControllerDraw = controller.draw(context.rng);
    const reward = batchAccuracy(context, draw.sample, validation);
    const baseline = this.baseline;
    this.#baselineSum = this.baselineDecay * this.#baselineSum + (1 - this.baselineDecay) * reward;
    this.#baselineWeight = this.baselineDecay * this.#baselineWeight + (1 - this.baselineDecay);
    // The first reward only sets the baseline: with nothing to compare it to, it has no advantage.
    if (baseline === undefined) return;
    controller.reinforce(draw, reward - baseline, this.controllerLearningRate, this.entropyWeight);
  }
}

/** The accuracy of `sample` on `batch`, with the weights it inherits and batch statistics in batch norms. */
function batchAccuracy(context: OneShotContext, sample: Sample, batch: OneShotBatch): number {
  return tf.tidy(() => {
    const predicted = tf.argMax(context.supernet.forward(batch.x, { sample }, true), 1);
    return tf.mean(tf.cast(tf.equal(predicted, tf.argMax(batch.y, 1)), 'float32')).dataSync()[0]!;
  });
}
