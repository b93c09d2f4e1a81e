/**
 * Regularized (aging) evolution (Real et al., 2019), with the reference's defaults: a population of
 * 100 random samples, then children of the best of 25 random members (tournament), each decision
 * redrawn with probability 0.05; the oldest member leaves when a child joins. Failed trials never
 * join. Children are never proposed twice. Under metric constraints a feasible member wins any
 * tournament against an infeasible one.
 */
import type { Sample } from '@archspace/mutables';
import { type Outcome, type Proposal, type Strategy, type StrategyContext, StrategySession } from './strategy.js';
import { beats, type FeasibilityScored } from './feasibility-order.js';
import { randomCompletion } from './random-completion.js';
import { stringKeys } from './canonical-key.js';
import { checkOptionNames } from './strategy-options.js';

/** Options of {@link RegularizedEvolution}. */
export interface RegularizedEvolutionOptions {
  /** Members kept alive (default 100). */
  readonly populationSize?: number;
  /** Members drawn for each tournament (default 25). */
  readonly sampleSize?: number;
  /** Probability of redrawing each decision of a child (default 0.05). */
  readonly mutationProb?: number;
  /** Take each decision from a second parent with probability 0.5 before mutating (default false). */
  readonly crossover?: boolean;
  /** Never propose a sample twice (default true). */
  readonly dedup?: boolean;
  /** Redraw at least one decision of every child, so it differs from its parent (default false). */
  readonly alwaysMutate?: boolean;
  /**
   * A key shared by samples that build the same network (`nasBench201CanonicalKey` for NAS-Bench-201
   * cells): with dedup, of such samples only the first is proposed.
   */
  readonly canonicalKey?: (sample: Sample) => string;
}

/** The settings a session runs with: every option but the canonical key is set. */
type EvolutionSettings = Required<Omit<RegularizedEvolutionOptions, 'canonicalKey'>> & Pick<RegularizedEvolutionOptions, 'canonicalKey'>;

const CHILD_RETRIES = 100;

/** A member of the population, ordered by {@link beats} in tournaments. */
interface Member extends FeasibilityScored {
  readonly sample: Sample;
}

class EvolutionSession extends StrategySession {
  readonly #population: Member[] = [];

  constructor(
    context: StrategyContext,
    readonly options: EvolutionSettings,
  ) {
    super(context);
  }

  protected override sameSampleKey(): ((sample: Sample) => string) | undefined {
    return this.options.canonicalKey;
  }

  protected propose(): { sample: Sample } | undefined {
    const initial = this.trials.length < this.options.populationSize || this.#population.length === 0;
    const { space, rng } = this.context;
    if (!this.options.dedup) return { sample: (initial ? undefined : this.#child()) ?? space.random(rng) };
    const child = initial ? undefined : this.proposedSamples.claimFirstNew(() => this.#child(), CHILD_RETRIES);
    if (child !== undefined) return { sample: child };
    // The initial population, or children that keep repeating: unseen random samples.
    const sample = this.proposedSamples.claimUnseen(rng);
    return sample === undefined ? undefined : { sample };
  }

  #tournament(): Sample {
    const { rng } = this.context;
    const population = this.#population;
    const k = Math.min(this.options.sampleSize, population.length);
    let best: Member | undefined;
    for (const i of rng.sampleIndices(population.length, k)) {
      const member = population[i]!;
      if (best === undefined || beats(member, best)) best = member;
    }
    return best!.sample;
  }

  /** A child of a tournament winner, or `undefined` when its fixed decisions break a constraint. */
  #child(): Sample | undefined {
    const { space, rng } = this.context;
    const parent = this.#tournament();
    const memo: Sample = { ...parent };
    if (this.options.crossover) {
      const other = this.#tournament();
      for (const [label, value] of Object.entries(other)) if (rng.next() < 0.5) memo[label] = value;
    }
    const labels = Object.keys(memo);
    let mutated = 0;
    for (const label of labels) {
      if (rng.next() < this.options.mutationProb) {
        delete memo[label];
        mutated++;
      }
    }
    if (mutated === 0 && this.options.alwaysMutate && labels.length > 0) delete memo[labels[rng.int(labels.length)]!];
    return randomCompletion(space, rng, memo);
  }

  protected override observe(proposal: Proposal, outcome: Outcome): void {
    if (outcome.status !== 'succeeded') return;
    this.#population.push({ sample: proposal.sample, score: this.score(outcome.value), violation: outcome.violation ?? 0 });
    if (this.#population.length > this.options.populationSize) this.#population.shift();
  }
}

/**
 * Regularized evolution.
 *
 * @example
 * ```ts
 * new RegularizedEvolution({ populationSize: 20, sampleSize: 5 });
 * ```
 */
export class RegularizedEvolution implements Strategy {
  readonly name = 'RegularizedEvolution';
  readonly options: EvolutionSettings;

  constructor(options: RegularizedEvolutionOptions = {}) {
    checkOptionNames('RegularizedEvolution', options, ['populationSize', 'sampleSize', 'mutationProb', 'crossover', 'dedup', 'alwaysMutate', 'canonicalKey']);
    this.#given = options;
    const populationSize = options.populationSize ?? 100;
    const sampleSize = options.sampleSize ?? Math.min(25, populationSize);
    if (!Number.isInteger(populationSize) || populationSize < 1) throw new RangeError(`populationSize must be an integer ≥ 1, got ${populationSize}`);
    if (!Number.isInteger(sampleSize) || sampleSize < 1 || sampleSize > populationSize) {
      throw new RangeError(`sampleSize must be an integer in [1, populationSize = ${populationSize}], got ${sampleSize}`);
    }
    const mutationProb = options.mutationProb ?? 0.05;
    if (!(mutationProb >= 0 && mutationProb <= 1)) throw new RangeError(`mutationProb must be in [0, 1], got ${mutationProb}`);
    this.options = {
      populationSize,
      sampleSize,
      mutationProb,
      crossover: options.crossover ?? false,
      dedup: options.dedup ?? true,
      alwaysMutate: options.alwaysMutate ?? false,
      ...(options.canonicalKey !== undefined ? { canonicalKey: stringKeys('RegularizedEvolution', options.canonicalKey) } : {}),
    };
  }

  readonly #given: RegularizedEvolutionOptions;

  /**
   * The settings a search of `maxTrials` trials uses: the options given, and for a population size or
   * tournament size left unset, one that fits the budget (see {@link budgetedPopulation}); the class
   * defaults (the reference's 100 and 25) when the budget is unknown.
   */
  settingsFor(maxTrials: number | undefined): EvolutionSettings {
    if (maxTrials === undefined || this.#given.populationSize !== undefined) return this.options;
    const { populationSize, sampleSize } = budgetedPopulation(maxTrials, this.#given.sampleSize);
    return { ...this.options, populationSize, sampleSize };
  }

  start(context: StrategyContext): StrategySession {
    return new EvolutionSession(context, this.settingsFor(context.maxTrials));
  }
}

/**
 * A population and tournament that leave room for evolution in `maxTrials` trials: a fifth of the
 * budget (10 to 100) and half the population (2 to 25; or `sampleSize` when given, the population
 * grown to hold it). At 100 trials that is 20 and 10; from 500 trials on, the reference's 100 and 25.
 * With the reference's defaults, a search of 100 trials spends them all on the random initial
 * population and never evolves.
 */
export function budgetedPopulation(maxTrials: number, sampleSize?: number): { populationSize: number; sampleSize: number } {
  const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));
  const population = clamp(Math.round(maxTrials / 5), 10, 100);
  if (sampleSize !== undefined) return { populationSize: Math.max(population, sampleSize), sampleSize };
  return { populationSize: population, sampleSize: clamp(Math.round(population / 2), 2, 25) };
}
