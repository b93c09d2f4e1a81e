/**
 * DARTS, first order: every choice mixes its candidates by the softmax of learnable architecture
 * logits; steps alternate between the logits (Adam, on a validation batch) and the shared weights
 * (on a training batch). The result keeps the strongest candidate of each choice.
 */
import type { Sample } from '@archspace/mutables';
import type { Tensor1D, Variable } from '@tensorflow/tfjs-core';
import { tf } from '../tf.js';
import { OneShotError } from './one-shot-error.js';
import type { OneShotBatch, OneShotContext, OneShotStrategy } from './one-shot-strategy.js';
import { unsupportedPrimitive } from './supernet-graph.js';

/** Options of {@link Darts}. */
export interface DartsOptions {
  /** Learning rate of the architecture logits' Adam (default 3e-3, DARTS' own). */
  readonly archLearningRate?: number;
  /** Weight decay of the architecture logits (default 1e-3). */
  readonly archWeightDecay?: number;
}

function positive(value: number, name: string, allowZero = false): number {
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new OneShotError({ code: 'invalid-option', path: ['Darts', name], expected: allowZero ? 'a finite number ≥ 0' : 'a finite number > 0', received: value });
  }
  return value;
}

/**
 * First-order DARTS. The architecture logits start near zero (seeded); {@link Darts.probabilities}
 * shows them as probabilities once the search ran.
 *
 * @example
 * ```ts
 * const result = await oneShot(space, { strategy: new Darts({ archLearningRate: 3e-3 }), data, epochs: 2 });
 * ```
 */
export class Darts implements OneShotStrategy {
  readonly name = 'Darts';
  readonly archLearningRate: number;
  readonly archWeightDecay: number;
  #logits = new Map<string, Variable>();
  #optimizer: tf.Optimizer | undefined;
  #last = new Map<string, number[]>();

  constructor(options: DartsOptions = {}) {
    this.archLearningRate = positive(options.archLearningRate ?? 3e-3, 'archLearningRate');
    this.archWeightDecay = positive(options.archWeightDecay ?? 1e-3, 'archWeightDecay', true);
  }

  /** @inheritdoc Refuses concatenated input choices; sets the logits to small seeded values. */
  prepare(context: OneShotContext): void {
    this.dispose();
    this.#last = new Map();
    for (const step of context.supernet.graph.steps) {
      if (step.kind === 'input-choice' && step.reduction === 'concat') throw unsupportedPrimitive('InputChoice', step.label, this.name, ' with reduction "concat"');
    }
    for (const choice of context.supernet.choices) {
      const initial = choice.names.map(() => 1e-3 * context.rng.normal());
      const start = tf.tensor1d(initial);
      this.#logits.set(choice.label, tf.variable(start, true, `darts/${choice.label}`));
      start.dispose();
    }
    this.#optimizer = tf.train.adam(this.archLearningRate, 0.5, 0.999);
  }

  /** @inheritdoc One step of the logits on `validation`, then one of the weights on `train`. */
  step(context: OneShotContext, train: OneShotBatch, validation: OneShotBatch): number {
    const logits = [...this.#logits.values()];
    tf.tidy(() => {
      this.#optimizer!.minimize(() => {
        const loss = context.loss(validation, { weights: this.#mixture() });
        if (this.archWeightDecay === 0) return loss;
        const decay = tf.addN(logits.map((v) => tf.sum(tf.square(v))));
        return tf.add(loss, tf.mul(decay, this.archWeightDecay / 2));
      }, false, logits);
    });
    return tf.tidy(() => context.trainWeights(train, { weights: this.#mixture() }));
  }

  /** @inheritdoc The candidate (or the `nChosen` inputs) with the largest logit of each choice. */
  result(context: OneShotContext): Sample {
    const probabilities = this.probabilities();
    const entries = context.supernet.choices.map((choice) => {
      const p = probabilities.get(choice.label)!;
      const order = p.map((_, i) => i).sort((a, b) => p[b]! - p[a]! || a - b);
      const value = choice.kind === 'layer-choice' ? choice.names[order[0]!]! : order.slice(0, choice.nChosen).sort((a, b) => a - b);
      return [choice.label, value] as const;
    });
    return Object.fromEntries(entries) as Sample;
  }

  /** The softmax of each choice's logits, by label: during the search, or as the last search ended. */
  probabilities(): Map<string, number[]> {
    if (this.#logits.size === 0) return new Map(this.#last);
    return new Map(
      [...this.#logits].map(([label, v]) => {
        const p = tf.softmax(v);
        const values = Array.from(p.dataSync());
        p.dispose();
        return [label, values];
      }),
    );
  }

  /** @inheritdoc Keeps the final probabilities for {@link Darts.probabilities}. */
  dispose(): void {
    if (this.#logits.size > 0) this.#last = this.probabilities();
    for (const v of this.#logits.values()) v.dispose();
    this.#logits = new Map();
    this.#optimizer?.dispose();
    this.#optimizer = undefined;
  }

  #mixture(): Map<string, Tensor1D> {
    return new Map([...this.#logits].map(([label, v]) => [label, tf.softmax(v) as Tensor1D]));
  }
}
