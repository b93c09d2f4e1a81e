/**
 * The controller of {@link Enas}: a factorised policy, one independent softmax per supernet choice
 * (not ENAS' LSTM), trained by REINFORCE with Adam on plain Float64Arrays.
 */
import type { Rng, Sample } from '@archspace/mutables';
import { SoftmaxLogits, addEntropyGradient, drawIndex, softmax } from '@archspace/strategies';
import type { SupernetChoice } from './supernet.js';

/** An architecture drawn from the controller: the sample, and the ordered draws of each choice. */
export interface ControllerDraw {
  readonly sample: Sample;
  /** By label: the index drawn for a categorical choice, the `nChosen` inputs in drawing order for an InputChoice. */
  readonly draws: ReadonlyMap<string, readonly number[]>;
}

/** How many values a sample holds for `choice`: `nChosen` inputs of an InputChoice, one value otherwise. */
function drawsOf(choice: SupernetChoice): number {
  return choice.kind === 'input-choice' ? choice.nChosen : 1;
}

/** The value a sample holds for `choice` given its drawn (or chosen) indices. */
function valueOf(choice: SupernetChoice, indices: readonly number[]): unknown {
  if (choice.kind !== 'input-choice') return choice.names[indices[0]!];
  return indices.map((i) => choice.names[i]).sort((a, b) => (a as number) - (b as number));
}

/**
 * The gradient, with respect to `logits`, of the log-probability of drawing the indices `drawn` in
 * that order, each from the softmax over the indices not drawn before it:
 * Σ_j (onehot(a_j) − q_j), q_j that softmax at draw j.
 */
export function logProbabilityGradient(logits: Float64Array, drawn: readonly number[]): Float64Array {
  const gradient = new Float64Array(logits.length);
  const left = Float64Array.from(logits);
  for (const index of drawn) {
    const q = softmax(left);
    for (let i = 0; i < gradient.length; i++) gradient[i]! -= q[i]!;
    gradient[index]! += 1;
    left[index] = -Infinity;
  }
  return gradient;
}

/**
 * One softmax per choice. A categorical choice (every kind but `'input-choice'`) draws one of its
 * names; an InputChoice draws `nChosen` distinct inputs one after another, each from the softmax
 * over the inputs not drawn yet (Plackett–Luce), and learns from the log-probability of that ordered
 * draw: the reward depends only on the set, so this is an unbiased REINFORCE gradient of the set's
 * expected reward.
 *
 * @example
 * ```ts
 * const controller = new EnasController(supernet.choices);
 * const draw = controller.draw(rng);
 * controller.reinforce(draw, reward - baseline, 0.05, 1e-4);
 * ```
 */
export class EnasController {
  readonly #choices: readonly SupernetChoice[];
  readonly #logits: ReadonlyMap<string, SoftmaxLogits>;

  /** A uniform policy over `choices`. */
  constructor(choices: readonly SupernetChoice[]) {
    this.#choices = choices;
    this.#logits = new Map(choices.map((choice) => [choice.label, new SoftmaxLogits(choice.names.length)]));
  }

  /** An architecture drawn from the policy. */
  draw(rng: Rng): ControllerDraw {
    const draws = new Map<string, number[]>();
    for (const choice of this.#choices) {
      const left = Float64Array.from(this.#logits.get(choice.label)!.logits);
      const drawn: number[] = [];
      while (drawn.length < drawsOf(choice)) {
        const index = drawIndex(softmax(left), rng);
        drawn.push(index);
        left[index] = -Infinity;
      }
      draws.set(choice.label, drawn);
    }
    return { sample: this.#sampleOf(draws), draws };
  }

  /**
   * One REINFORCE step: Adam ascent of `advantage · ∇ log p(draw)` plus `entropyWeight` times the
   * gradient of each choice's entropy (of its first draw's softmax).
   */
  reinforce(draw: ControllerDraw, advantage: number, learningRate: number, entropyWeight: number): void {
    for (const choice of this.#choices) {
      const logits = this.#logits.get(choice.label)!;
      const drawn = draw.draws.get(choice.label)!;
      const gradient = logProbabilityGradient(logits.logits, drawn);
      for (let i = 0; i < gradient.length; i++) gradient[i]! *= advantage;
      addEntropyGradient(gradient, logits.probabilities(), entropyWeight);
      logits.ascend(gradient, learningRate);
    }
  }

  /** The softmax of each choice, by label (an InputChoice's: of its first draw). */
  probabilities(): Map<string, number[]> {
    return new Map([...this.#logits].map(([label, logits]) => [label, Array.from(logits.probabilities())]));
  }

  /** The most probable architecture: each choice's likeliest value, an InputChoice's `nChosen` likeliest inputs (ties: the first). */
  mostProbable(): Sample {
    const chosen = new Map<string, number[]>();
    for (const choice of this.#choices) {
      const p = this.#logits.get(choice.label)!.probabilities();
      const order = Array.from(p, (_, i) => i).sort((a, b) => p[b]! - p[a]! || a - b);
      chosen.set(choice.label, order.slice(0, drawsOf(choice)));
    }
    return this.#sampleOf(chosen);
  }

  #sampleOf(indices: ReadonlyMap<string, readonly number[]>): Sample {
    return Object.fromEntries(this.#choices.map((choice) => [choice.label, valueOf(choice, indices.get(choice.label)!)])) as Sample;
  }
}
