/**
 * The reference's naive `Evolution` tuner (after Real et al., 2017), written from its description:
 * `populationSize` random samples first; then, for each new trial, two random members of the
 * population meet, the worse leaves the population, and the better one's copy with ONE of its
 * decisions redrawn at random is proposed. A finished trial joins the population; a failed one is
 * replaced by a new random sample. An early-stopped trial that reported a value joins with it.
 *
 * Unlike the reference, it never proposes a sample twice (`dedup`), and when the population is empty
 * because every member is still running it waits for a result instead of failing the request.
 */
import type { Sample } from '@archspace/mutables';
import { randomProposal } from './proposed-samples.js';
import { randomCompletion } from './random-completion.js';
import { type Outcome, type Proposal, type Strategy, type StrategyContext, StrategySession } from './strategy.js';
import { checkOptionNames } from './strategy-options.js';

/** Options of {@link NaiveEvolution}. */
export interface NaiveEvolutionOptions {
  /** Random samples the search starts with (default 32, as the reference's code). */
  readonly populationSize?: number;
  /** Never propose a sample twice (default true). */
  readonly dedup?: boolean;
}

/** Children tried for a sample not proposed yet before falling back to an unseen random one. */
const CHILD_RETRIES = 100;

/** A member of the population: an evaluated sample and its larger-is-better score. */
interface Member {
  readonly sample: Sample;
  readonly score: number;
}

class NaiveEvolutionSession extends StrategySession {
  readonly #population: Member[] = [];
  /** Failed trials not replaced by a random sample yet. */
  #replacementsOwed = 0;
  #exhausted = false;

  constructor(
    context: StrategyContext,
    readonly options: Required<NaiveEvolutionOptions>,
  ) {
    super(context);
  }

  override get done(): boolean {
    return this.#exhausted;
  }

  /** The winner of a random pair (the loser leaves the population), or the only member. */
  #parent(): Sample | undefined {
    const population = this.#population;
    if (population.length === 0) return undefined;
    if (population.length === 1) return population[0]!.sample;
    const [i, j] = this.context.rng.sampleIndices(population.length, 2) as [number, number];
    const [winner, loser] = population[i]!.score >= population[j]!.score ? [i, j] : [j, i];
    const parent = population[winner]!.sample;
    population.splice(loser, 1);
    return parent;
  }

  /** `parent` with one of its decisions redrawn, or `undefined` when that breaks a constraint. */
  #child(parent: Sample): Sample | undefined {
    const { space, rng } = this.context;
    const labels = Object.keys(parent);
    const memo: Sample = Object.assign(Object.create(null) as Sample, parent);
    if (labels.length > 0) delete memo[labels[rng.int(labels.length)]!];
    return randomCompletion(space, rng, memo);
  }

  #random(): { sample: Sample } | undefined {
    const sample = randomProposal(this.context.space, this.context.rng, this.options.dedup ? this.proposedSamples : undefined);
    if (sample === undefined) this.#exhausted = true;
    return sample === undefined ? undefined : { sample };
  }

  protected propose(): { sample: Sample } | undefined {
    if (this.#exhausted) return undefined;
    // trials.length counts this proposal's predecessors, restored trials included.
    if (this.trials.length < this.options.populationSize) return this.#random();
    if (this.#replacementsOwed > 0) {
      this.#replacementsOwed--;
      return this.#random();
    }
    const parent = this.#parent();
    // Every member is still running: wait for a result.
    if (parent === undefined) return undefined;
    if (!this.options.dedup) return { sample: this.#child(parent) ?? this.context.space.random(this.context.rng) };
    const child = this.proposedSamples.claimFirstNew(() => this.#child(parent), CHILD_RETRIES);
    return child !== undefined ? { sample: child } : this.#random();
  }

  protected override observe(proposal: Proposal, outcome: Outcome): void {
    const value = outcome.status === 'failed' ? undefined : outcome.value;
    if (value === undefined) {
      this.#replacementsOwed++;
      return;
    }
    this.#population.push({ sample: proposal.sample, score: this.score(value) });
  }
}

/**
 * Naive evolution.
 *
 * @example
 * ```ts
 * await search(space, evaluate, new NaiveEvolution({ populationSize: 20 }), { maxTrials: 200 }, { seed: 1 });
 * ```
 */
export class NaiveEvolution implements Strategy {
  readonly name = 'NaiveEvolution';
  readonly options: Required<NaiveEvolutionOptions>;

  constructor(options: NaiveEvolutionOptions = {}) {
    checkOptionNames('NaiveEvolution', options, ['populationSize', 'dedup']);
    const populationSize = options.populationSize ?? 32;
    if (!Number.isInteger(populationSize) || populationSize < 1) throw new RangeError(`populationSize must be an integer ≥ 1, got ${populationSize}`);
    this.options = { populationSize, dedup: options.dedup ?? true };
  }

  start(context: StrategyContext): StrategySession {
    return new NaiveEvolutionSession(context, this.options);
  }
}
