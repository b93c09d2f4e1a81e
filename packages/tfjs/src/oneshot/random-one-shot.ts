/**
 * RandomOneShot (single-path one-shot, SPOS): each training step samples one architecture uniformly
 * and trains only its path; then an evolutionary search scores candidates by their validation
 * accuracy with the weights they inherit from the supernet and returns the best.
 */
import type { Rng, Sample } from '@archspace/mutables';
import type { OneShotBatch, OneShotContext, OneShotStrategy } from './one-shot-strategy.js';
import { OneShotError } from './one-shot-error.js';
import type { SupernetChoice } from './supernet.js';

/** Options of {@link RandomOneShot}. */
export interface RandomOneShotOptions {
  /** Architectures per generation of the evolutionary search (default 10). */
  readonly population?: number;
  /** Generations after the first (default 3). */
  readonly generations?: number;
  /** Probability that a child redraws each decision (default 0.25). */
  readonly mutationProbability?: number;
}

/** A uniformly drawn value of `choice`: one of its names, or `nChosen` sorted inputs of an InputChoice. */
export function drawChoice(choice: SupernetChoice, rng: Rng): string | number | number[] {
  if (choice.kind !== 'input-choice') return choice.names[rng.int(choice.names.length)]!;
  return rng.sampleIndices(choice.names.length, choice.nChosen).sort((a, b) => a - b);
}

function checkCount(value: number, name: string, min: number): number {
  if (!Number.isInteger(value) || value < min || value > 10_000) {
    throw new OneShotError({ code: 'invalid-option', path: ['RandomOneShot', name], expected: `an integer from ${min} to 10000`, received: value });
  }
  return value;
}

/** A key equal for equal samples. */
function sampleKey(sample: Sample, choices: readonly SupernetChoice[]): string {
  return JSON.stringify(choices.map((c) => sample[c.label]));
}

/**
 * Single-path one-shot search (SPOS). Training samples one path per step uniformly; the result is the
 * best architecture an evolutionary search finds (mutation and crossover, the better half survives),
 * scored with inherited weights.
 *
 * @example
 * ```ts
 * const result = await oneShot(space, { strategy: new RandomOneShot({ population: 8, generations: 2 }), data, epochs: 2 });
 * ```
 */
export class RandomOneShot implements OneShotStrategy {
  readonly name = 'RandomOneShot';
  readonly population: number;
  readonly generations: number;
  readonly mutationProbability: number;

  constructor(options: RandomOneShotOptions = {}) {
    this.population = checkCount(options.population ?? 10, 'population', 2);
    this.generations = checkCount(options.generations ?? 3, 'generations', 0);
    const p = options.mutationProbability ?? 0.25;
    if (!(p >= 0 && p <= 1)) throw new OneShotError({ code: 'invalid-option', path: ['RandomOneShot', 'mutationProbability'], expected: 'a probability from 0 to 1', received: p });
    this.mutationProbability = p;
  }

  /** @inheritdoc Nothing to set up: every path is trained as it is drawn. */
  prepare(): void {}

  /** @inheritdoc Trains the path of one uniformly drawn architecture. */
  step(context: OneShotContext, train: OneShotBatch): number {
    return context.trainWeights(train, { sample: this.#draw(context) });
  }

  /** @inheritdoc The best architecture of the evolutionary search. */
  result(context: OneShotContext): Sample {
    const { choices } = context.supernet;
    const scores = new Map<string, { sample: Sample; accuracy: number }>();
    const score = (sample: Sample) => {
      const key = sampleKey(sample, choices);
      let entry = scores.get(key);
      if (!entry) {
        entry = { sample, accuracy: context.validationAccuracy(sample) };
        scores.set(key, entry);
      }
      return entry;
    };
    let generation = Array.from({ length: this.population }, () => score(this.#draw(context)));
    for (let g = 0; g < this.generations; g++) {
      const parents = [...generation].sort((a, b) => b.accuracy - a.accuracy).slice(0, Math.max(1, this.population >> 1));
      const children = [];
      while (parents.length + children.length < this.population) {
        const a = parents[context.rng.int(parents.length)]!.sample;
        const b = parents[context.rng.int(parents.length)]!.sample;
        children.push(score(this.#child(context, a, b)));
      }
      generation = [...parents, ...children];
    }
    let best: { sample: Sample; accuracy: number } | undefined;
    for (const entry of scores.values()) if (!best || entry.accuracy > best.accuracy) best = entry;
    return best!.sample;
  }

  /** @inheritdoc */
  dispose(): void {}

  #draw(context: OneShotContext): Sample {
    return Object.fromEntries(context.supernet.choices.map((choice) => [choice.label, drawChoice(choice, context.rng)])) as Sample;
  }

  /** Uniform crossover of `a` and `b`, then each decision redrawn with the mutation probability. */
  #child(context: OneShotContext, a: Sample, b: Sample): Sample {
    const entries = context.supernet.choices.map((choice) => {
      const inherited = context.rng.next() < 0.5 ? a[choice.label] : b[choice.label];
      return [choice.label, context.rng.next() < this.mutationProbability ? drawChoice(choice, context.rng) : inherited] as const;
    });
    return Object.fromEntries(entries) as Sample;
  }
}
