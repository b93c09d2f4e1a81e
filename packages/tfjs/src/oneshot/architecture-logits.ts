/**
 * The architecture logits that gradient-based one-shot strategies (DARTS, GDAS, ProxylessNAS) learn:
 * one per candidate of every choice, with what they share: seeded start, probabilities, Gumbel
 * draws, the argmax result and the refusals of what a weighted supernet cannot mix.
 */
import type { Rng, Sample } from '@archspace/mutables';
import type { Scalar, Tensor1D, Variable } from '@tensorflow/tfjs-core';
import { tf } from '../tf.js';
import { OneShotError } from './one-shot-error.js';
import type { OneShotContext } from './one-shot-strategy.js';
import type { SupernetChoice } from './supernet.js';
import { allSteps } from './supernet-graph.js';
import { unsupportedPrimitive } from './unsupported-primitive.js';

/**
 * A finite option ≥ 0 (or > 0 unless `allowZero`) of `strategy`, or an `'invalid-option'` error
 * naming the strategy and the option.
 */
export function positiveOption(strategy: string, name: string, value: number, allowZero = false): number {
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new OneShotError({ code: 'invalid-option', path: [strategy, name], expected: allowZero ? 'a finite number ≥ 0' : 'a finite number > 0', received: value });
  }
  return value;
}

/**
 * Refuses what a mixture cannot stand for: InputChoices that concatenate (anywhere in the network,
 * inside candidates and Repeat blocks too), and widths, kernel sizes or depths computed from several
 * choices (a mixture weighs the values of one).
 */
export function refuseUnmixable(context: OneShotContext, strategy: string): void {
  context.supernet.checkMixable(strategy);
  for (const step of allSteps(context.supernet.graph)) {
    if (step.kind === 'input-choice' && step.reduction === 'concat') throw unsupportedPrimitive('InputChoice', step.label, strategy, ' with reduction "concat"');
  }
}

/** The indices of the `k` largest of `values`, largest first (ties: the lower index first). */
export function topIndices(values: readonly number[], k: number): number[] {
  return values
    .map((_, i) => i)
    .sort((a, b) => values[b]! - values[a]! || a - b)
    .slice(0, k);
}

/**
 * The value a sample gives `choice` when `indices` are chosen: the first index's name for a
 * categorical choice, the indices in increasing order for an InputChoice.
 */
export function choiceValue(choice: SupernetChoice, indices: readonly number[]): string | number | number[] {
  if (choice.kind === 'input-choice') return [...indices].sort((a, b) => a - b);
  return choice.names[indices[0]!]!;
}

/** One Gumbel draw of a choice: the noise added to each logit and the `nChosen` indices it picks. */
export interface GumbelDraw {
  readonly noise: readonly number[];
  /** The indices of the `nChosen` largest perturbed logits: a draw without replacement from their softmax. */
  readonly chosen: readonly number[];
}

/** A standard Gumbel draw, −log(−log u), with u kept above 0 so that it is finite. */
function gumbel(rng: Rng): number {
  return -Math.log(-Math.log(Math.max(rng.next(), Number.MIN_VALUE)));
}

/**
 * The learnable logits of every choice of a supernet, by label. `probabilities()` keeps answering
 * after `dispose()` with the values the logits had then.
 *
 * @example
 * ```ts
 * const logits = new ArchitectureLogits('Darts');
 * logits.reset(context.supernet.choices, context.rng);
 * const sample = logits.best(context.supernet.choices);
 * ```
 */
export class ArchitectureLogits {
  #logits = new Map<string, Variable>();
  #last = new Map<string, number[]>();

  /** `owner` names the variables (`owner/label`). */
  constructor(readonly owner: string) {}

  /** Frees any previous logits and starts one per candidate of every choice at seeded `1e-3 · N(0, 1)`. */
  reset(choices: readonly SupernetChoice[], rng: Rng): void {
    this.dispose();
    this.#last = new Map();
    for (const choice of choices) {
      const start = tf.tensor1d(choice.names.map(() => 1e-3 * rng.normal()));
      this.#logits.set(choice.label, tf.variable(start, true, `${this.owner}/${choice.label}`));
      start.dispose();
    }
  }

  /** Every choice's logits, in the order of the choices. */
  get variables(): Variable[] {
    return [...this.#logits.values()];
  }

  /** The logits of the choice labelled `label`. */
  of(label: string): Variable {
    return this.#logits.get(label)!;
  }

  /** The softmax of every choice's logits, as tensors (inside a `tf.tidy`). */
  softmaxes(): Map<string, Tensor1D> {
    return new Map([...this.#logits].map(([label, v]) => [label, tf.softmax(v) as Tensor1D]));
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

  /**
   * Perturbs every choice's logits with Gumbel noise drawn from `rng` and keeps the `nChosen`
   * largest: each choice drawn from the softmax of its logits (without replacement for InputChoices).
   */
  draw(choices: readonly SupernetChoice[], rng: Rng): Map<string, GumbelDraw> {
    return new Map(
      choices.map((choice) => {
        const logits = this.of(choice.label).dataSync();
        const noise = choice.names.map(() => gumbel(rng));
        return [choice.label, { noise, chosen: topIndices(noise.map((g, i) => logits[i]! + g), choice.nChosen) }];
      }),
    );
  }

  /** The sample that `draws` (from {@link ArchitectureLogits.draw}) pick. */
  static sampleOf(choices: readonly SupernetChoice[], draws: ReadonlyMap<string, GumbelDraw>): Sample {
    return Object.fromEntries(choices.map((choice) => [choice.label, choiceValue(choice, draws.get(choice.label)!.chosen)])) as Sample;
  }

  /** The candidate (or the `nChosen` inputs) with the largest logit of each choice. */
  best(choices: readonly SupernetChoice[]): Sample {
    const probabilities = this.probabilities();
    return Object.fromEntries(choices.map((choice) => [choice.label, choiceValue(choice, topIndices(probabilities.get(choice.label)!, choice.nChosen))])) as Sample;
  }

  /** `loss` plus `decay / 2` times the squared norm of every logit (just `loss` when `decay` is 0). */
  withDecay(loss: Scalar, decay: number): Scalar {
    if (decay === 0) return loss;
    const norm = tf.addN(this.variables.map((v) => tf.sum(tf.square(v))));
    return tf.add(loss, tf.mul(norm, decay / 2));
  }

  /** Frees the logits, keeping their probabilities for {@link ArchitectureLogits.probabilities}. */
  dispose(): void {
    if (this.#logits.size > 0) this.#last = this.probabilities();
    for (const v of this.#logits.values()) v.dispose();
    this.#logits = new Map();
  }
}
