/**
 * NSGA-II (Deb, Pratap, Agarwal and Meyarivan, 2002) for any space: a random initial population,
 * then children of two parents picked by binary tournament (lower front first, then larger crowding
 * distance), each decision taken from either parent and redrawn with a small probability. Once a
 * population's worth of children has been told, parents and children are ranked together
 * (constraint-domination: feasible trials first) and the best population survives. Failed trials
 * never join; samples are never proposed twice.
 *
 * In a search of one value (no `objectives` in the context) it is a plain genetic algorithm on that
 * value.
 */
import type { Sample } from '@archspace/mutables';
import { stringKeys } from './canonical-key.js';
import { randomCompletion } from './random-completion.js';
import { rankedOutcome, rankingDirections } from './ranked-outcome.js';
import { crowdingDistances, nonDominatedFronts, type RankedPoint } from './non-dominated-sort.js';
import { type Direction, type Outcome, type Proposal, type Strategy, type StrategyContext, StrategySession } from './strategy.js';
import { checkOptionNames } from './strategy-options.js';

/** Options of {@link NSGA2}. */
export interface NSGA2Options {
  /** Members kept alive (default 50; fitted to a known budget when unset, see {@link budgetedNsga2Population}). */
  readonly populationSize?: number;
  /** Probability that a child mixes two parents rather than copying one (default 0.9). */
  readonly crossoverProb?: number;
  /** Probability of redrawing each decision of a child (default: one over the number of decisions). */
  readonly mutationProb?: number;
  /** A key shared by samples that build the same network: of such samples only the first is proposed (as `LocalSearch`'s). */
  readonly canonicalKey?: (sample: Sample) => string;
}

/** The settings a session runs with: every option but the mutation probability and the canonical key is set. */
type NSGA2Settings = Required<Omit<NSGA2Options, 'mutationProb' | 'canonicalKey'>> & { readonly mutationProb: number | undefined } & Pick<NSGA2Options, 'canonicalKey'>;

const CHILD_RETRIES = 100;

/** A told trial as the ranking sees it. */
interface Member extends RankedPoint {
  readonly sample: Sample;
}

class NSGA2Session extends StrategySession {
  readonly #directions: readonly Direction[];
  /** The surviving population, with each member's front and crowding distance. */
  #population: { member: Member; front: number; crowding: number }[] = [];
  /** Told members not yet ranked with the population. */
  #offspring: Member[] = [];

  constructor(
    context: StrategyContext,
    readonly options: NSGA2Settings,
  ) {
    super(context);
    this.#directions = rankingDirections(context);
  }

  protected override sameSampleKey(): ((sample: Sample) => string) | undefined {
    return this.options.canonicalKey;
  }

  protected propose(): { sample: Sample } | undefined {
    const breeding = this.trials.length >= this.options.populationSize && this.#population.length > 0;
    const child = breeding ? this.proposedSamples.claimFirstNew(() => this.#child(), CHILD_RETRIES) : undefined;
    if (child !== undefined) return { sample: child };
    const sample = this.proposedSamples.claimUnseen(this.context.rng);
    return sample === undefined ? undefined : { sample };
  }

  /** The better of two random members: lower front, then larger crowding distance. */
  #tournament(): Sample {
    const { rng } = this.context;
    const a = this.#population[rng.int(this.#population.length)]!;
    const b = this.#population[rng.int(this.#population.length)]!;
    const aWins = a.front < b.front || (a.front === b.front && a.crowding >= b.crowding);
    return (aWins ? a : b).member.sample;
  }

  /** A child of two tournament winners, or `undefined` when its fixed decisions break a constraint. */
  #child(): Sample | undefined {
    const { space, rng } = this.context;
    const memo: Sample = Object.assign(Object.create(null) as Sample, this.#tournament());
    if (rng.next() < this.options.crossoverProb) {
      const other = this.#tournament();
      for (const label of Object.keys(other)) if (rng.next() < 0.5) memo[label] = other[label];
    }
    const labels = Object.keys(memo);
    const mutationProb = this.options.mutationProb ?? 1 / Math.max(1, labels.length);
    for (const label of labels) if (rng.next() < mutationProb) delete memo[label];
    return randomCompletion(space, rng, memo);
  }

  /** Ranks the population and the offspring together and keeps the best `populationSize`. */
  #select(): void {
    const pool = [...this.#population.map((p) => p.member), ...this.#offspring];
    this.#offspring = [];
    const survivors: { member: Member; front: number; crowding: number }[] = [];
    const fronts = nonDominatedFronts(pool, this.#directions);
    for (let f = 0; f < fronts.length && survivors.length < this.options.populationSize; f++) {
      const front = fronts[f]!;
      const crowding = crowdingDistances(pool, front);
      const ranked = front.map((i, k) => ({ member: pool[i]!, front: f, crowding: crowding[k]! }));
      if (survivors.length + ranked.length > this.options.populationSize) ranked.sort((a, b) => b.crowding - a.crowding);
      survivors.push(...ranked.slice(0, this.options.populationSize - survivors.length));
    }
    this.#population = survivors;
  }

  protected override observe(proposal: Proposal, outcome: Outcome): void {
    if (outcome.status !== 'succeeded') return;
    this.#offspring.push({ sample: proposal.sample, ...rankedOutcome('NSGA2', this.context, proposal, outcome) });
    const full = this.#offspring.length >= this.options.populationSize;
    // Failures in the initial population: rank what there is once every initial trial is back.
    const stalled = this.#population.length === 0 && this.trials.length >= this.options.populationSize && this.pending().length === 0;
    if (full || stalled) this.#select();
  }
}

/**
 * NSGA-II: multi-objective evolution by non-dominated sorting and crowding distance.
 *
 * @example
 * ```ts
 * const session = new NSGA2().start({ space, rng: createRng(0), direction: 'maximize', objectives: ['maximize', 'minimize'] });
 * const p = session.ask()!;
 * session.tell(p.id, { status: 'succeeded', value: 0.93, objectives: [0.93, 48.2] });
 * ```
 */
export class NSGA2 implements Strategy {
  readonly name = 'NSGA2';
  readonly multiObjective = true;
  readonly options: NSGA2Settings;
  readonly #given: NSGA2Options;

  constructor(options: NSGA2Options = {}) {
    checkOptionNames('NSGA2', options, ['populationSize', 'crossoverProb', 'mutationProb', 'canonicalKey']);
    this.#given = options;
    const populationSize = options.populationSize ?? 50;
    if (!Number.isInteger(populationSize) || populationSize < 2) throw new RangeError(`NSGA2: populationSize must be an integer ≥ 2, got ${String(populationSize)}`);
    const crossoverProb = options.crossoverProb ?? 0.9;
    if (!(crossoverProb >= 0 && crossoverProb <= 1)) throw new RangeError(`NSGA2: crossoverProb must be in [0, 1], got ${String(crossoverProb)}`);
    const { mutationProb } = options;
    if (mutationProb !== undefined && !(mutationProb >= 0 && mutationProb <= 1)) throw new RangeError(`NSGA2: mutationProb must be in [0, 1], got ${String(mutationProb)}`);
    const { canonicalKey } = options;
    this.options = { populationSize, crossoverProb, mutationProb, ...(canonicalKey !== undefined ? { canonicalKey: stringKeys('NSGA2', canonicalKey) } : {}) };
  }

  /** The settings a search of `maxTrials` trials uses: an unset population fitted to it. */
  settingsFor(maxTrials: number | undefined): NSGA2['options'] {
    if (maxTrials === undefined || this.#given.populationSize !== undefined) return this.options;
    return { ...this.options, populationSize: budgetedNsga2Population(maxTrials) };
  }

  start(context: StrategyContext): StrategySession {
    return new NSGA2Session(context, this.settingsFor(context.maxTrials));
  }
}

/**
 * A population that leaves room for generations in `maxTrials` trials: a fifth of the budget, 10 to
 * 50 (20 at 100 trials, 40 at 200; the class default 50 from 250 trials on).
 */
export function budgetedNsga2Population(maxTrials: number): number {
  return Math.min(50, Math.max(10, Math.round(maxTrials / 5)));
}
