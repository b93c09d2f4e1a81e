/**
 * Iterated local search (Lourenço, Martin and Stützle, 2003), in the form White, Nolen and Savani
 * found state of the art on NAS benchmarks ("Local search is state of the art for NAS benchmarks",
 * 2020): a few random samples, then first-improvement hill climbing from the best one. The climb
 * tries the centre's neighbours (every sample one decision away) in random order and moves to the
 * first that beats it. When every neighbour has been tried, the centre is a local optimum: a kick
 * changes two or three decisions of the best sample found so far, and the climb starts again from the
 * kicked sample. With a `restartDistance`, the climb first restarts from the best sample evaluated
 * that lies that many decisions from every local optimum found ({@link restartPoint}), and kicks only
 * when there is none; with `balancedStart` the initial samples use each value of every categorical
 * decision equally often ({@link balancedStart}). Samples are never proposed twice; failed trials
 * are never centres, and under constraints a feasible trial beats any infeasible one (less violation
 * beats more). When the search knows costs before training, they guide the climb (`costOrder`).
 *
 * Several proposals may be in flight: each `ask` takes the centre's next untried neighbour, and
 * whichever outcome beats the centre moves it. A resumed session replays the trials it is told
 * about; restored kicks are taken as ordinary neighbours. With several objectives the search is
 * Pareto local search instead ({@link ParetoLocalSearchSession}).
 */
import type { Sample } from '@archspace/mutables';
import type { DecisionEffects } from './decision-effects.js';
import { applyMoves, KICK_RETRIES, kickMoves, type Move, shuffledMoves, type swapMoves } from './local-search-moves.js';
import { stringKeys } from './canonical-key.js';
import { restartPoint } from './local-search-restarts.js';
import { balancedStart } from './balanced-start.js';
import { randomCompletion } from './random-completion.js';
import { CostScoreFit, costGuided } from './cost-score-fit.js';
import { beats, type FeasibilityScored } from './feasibility-order.js';
import { ParetoLocalSearchSession } from './pareto-local-search.js';
import { type Outcome, type Proposal, type Strategy, type StrategyContext, StrategySession } from './strategy.js';
import { checkOptionNames } from './strategy-options.js';

/** Options of {@link LocalSearch}. */
export interface LocalSearchOptions {
  /** Random samples before the first climb (default 10). */
  readonly initialSamples?: number;
  /** How many decisions a kick changes, one of these drawn at random for each kick (default `[2, 3]`). */
  readonly kickSizes?: readonly number[];
  /** Neighbours per non-categorical decision (each a redraw of that decision; default 4). */
  readonly redraws?: number;
  /**
   * With several objectives, which archive member Pareto local search explores next:
   * `'contribution'` (default) the one holding the largest share of the archive's hypervolume alone,
   * `'uniform'` a random one (as Paquete et al.). A search of one objective ignores it.
   */
  readonly explore?: 'contribution' | 'uniform';
  /**
   * Where `explore: 'contribution'` puts the reference point: each objective's worst told value,
   * moved this many times the objective's told range further away (default 1). Larger values favour
   * the extremes of the front.
   */
  readonly referenceMargin?: number;
  /**
   * With `explore: 'contribution'`, a member's share is divided by one plus the neighbours already
   * proposed from it, to this power (default 1; 0 picks by share alone), so that a member whose
   * neighbours keep failing yields to the next.
   */
  readonly exploreDecay?: number;
  /**
   * A key shared by samples that build the same network (`nasBench201CanonicalKey` for NAS-Bench-201
   * cells): of such samples only the first is proposed. By default samples differ when their values do.
   */
  readonly canonicalKey?: (sample: Sample) => string;
  /**
   * At a local optimum, climb next from the best sample evaluated that was never a centre and sets at
   * least this many decisions differently from every local optimum found; kick only when there is no
   * such sample. By default the search always kicks. Single-objective searches only.
   */
  readonly restartDistance?: number;
  /**
   * Draw the initial samples as a balanced start ({@link balancedStart}): each value of every
   * categorical decision used equally often across them, instead of independently at random
   * (default false). Single-objective searches only.
   */
  readonly balancedStart?: boolean;
  /**
   * When the search knows costs before training (`search()`'s `costs`), let them guide the climb
   * once five feasible trials are told: the told trials teach how the costs predict the score
   * ({@link CostScoreFit}); the climb then skips the neighbours whose costs break a constraint or
   * predict a worse score than the centre's, tries the rest best predicted first, and a kick goes to
   * the best predicted of three feasible kicks (default true). Where costs and scores are unrelated
   * every prediction is 0 and only known-infeasible samples are skipped. With several objectives
   * (Pareto local search), when the costs hold every objective but one (`search()`'s objectives named
   * as cost metrics), the explored member's neighbours are tried by expected hypervolume gain instead
   * of at random ({@link ParetoLocalSearchSession}). Without costs it changes nothing.
   */
  readonly costOrder?: boolean;
  /**
   * With several objectives and `costOrder` in effect, also try the samples that exchange the values
   * of two of an archive member's categorical decisions ({@link swapMoves}), scored by expected
   * hypervolume gain like its neighbours (default true). A swap often keeps the costs and moves an
   * operation elsewhere in the network. Other searches ignore it.
   */
  readonly swaps?: boolean;
  /**
   * With several objectives and `costOrder` in effect, predict a neighbour's unknown objective from an
   * additive model of the told trials over the categorical decisions ({@link DecisionEffects}) rather
   * than from its costs alone (default true; spaces without categorical decisions use the costs).
   */
  readonly additiveModel?: boolean;
  /**
   * With several objectives and the additive model in effect, also draw this many random samples not
   * proposed yet at each step, score each by the hypervolume it would add with its unknown objective
   * as the model predicts it, and propose the best of them instead of the explored member's best
   * neighbour when it is expected to add more (default 100; 0 keeps the search to neighbours). This is
   * how model-based searches such as BANANAS (White et al., 2021) optimise their acquisition: random
   * candidates ranked by a surrogate. Other searches ignore it.
   */
  readonly modelCandidates?: number;
}

/** Options set only when given (the others always are in {@link LocalSearchSettings}). */
type OptionalSettings = 'canonicalKey' | 'restartDistance' | 'balancedStart';

/** The settings a session runs with: every option is set but the canonical key, the restart distance and a balanced start, present only when given. */
export type LocalSearchSettings = Required<Omit<LocalSearchOptions, OptionalSettings>> & Pick<LocalSearchOptions, OptionalSettings>;

/**
 * Random samples Pareto local search scores by its additive model at each step (`modelCandidates`).
 * On the NAS-Bench-201 tuning seeds 100, 300 and 500 scored alike and 2,000 worse
 * (`bench/quality-pareto-model.ts` and its log); where local moves alone suffice, the fewer the
 * cheaper (the toy of `pareto-local-search-model-candidates.test.ts`): the best predicted of many is
 * likelier to be one the model overrates.
 */
const DEFAULT_MODEL_CANDIDATES = 100;

/** Kicks drawn for a cost-guided kick (`costOrder`), tuned on the constrained NAS-Bench-201 goal (3 beat 2 and 10). */
const COST_KICK_CANDIDATES = 3;

/** A told trial, ordered by {@link beats}. */
interface Scored extends FeasibilityScored {
  readonly sample: Sample;
}

class LocalSearchSession extends StrategySession {
  #best: Scored | undefined;
  #centre: Scored | undefined;
  /** The centre's neighbours still to try, the next last: moves, or samples when ordered by cost. */
  #neighbours: (Move | { readonly sample: Sample })[] = [];
  readonly #fit = new CostScoreFit();
  readonly #kicks = new Set<number>();
  /** Every succeeded trial, the centres among them, and the local optima found: what restarts choose from. */
  readonly #evaluated: Scored[] = [];
  readonly #centres = new Set<Scored>();
  readonly #optima: Sample[] = [];
  #start: Sample[] | undefined;
  #exhausted = false;

  constructor(
    context: StrategyContext,
    readonly options: LocalSearchSettings,
  ) {
    super(context);
  }

  protected override sameSampleKey(): ((sample: Sample) => string) | undefined {
    return this.options.canonicalKey;
  }

  override get done(): boolean {
    return this.#exhausted;
  }

  protected propose(): { sample: Sample } | undefined {
    if (this.#exhausted) return undefined;
    if (this.trials.length >= this.options.initialSamples && this.#best !== undefined) {
      this.#centre ??= this.#moveTo(this.#best);
      const neighbour = this.#nextNeighbour() ?? this.#restart();
      if (neighbour !== undefined) return { sample: neighbour };
      const kicked = this.#kick(this.#best);
      if (kicked !== undefined) {
        this.#kicks.add(this.trials.length);
        return { sample: kicked };
      }
    }
    const sample = this.#balanced() ?? this.proposedSamples.claimUnseen(this.context.rng);
    if (sample === undefined) this.#exhausted = true;
    return sample === undefined ? undefined : { sample };
  }

  /**
   * With `balancedStart`, the next initial sample of the balanced start (now claimed); `undefined`
   * (a random sample instead) when it breaks a constraint or was proposed already.
   */
  #balanced(): Sample | undefined {
    const { initialSamples } = this.options;
    if (!this.options.balancedStart || this.trials.length >= initialSamples) return undefined;
    const { space, rng } = this.context;
    this.#start ??= balancedStart(space, initialSamples, rng);
    const sample = randomCompletion(space, rng, this.#start[this.trials.length]!);
    return sample !== undefined && this.proposedSamples.claim(sample) ? sample : undefined;
  }

  #moveTo(centre: Scored): Scored {
    this.#centres.add(centre);
    const { space, rng } = this.context;
    const moves = shuffledMoves(space, centre.sample, rng, this.options.redraws);
    if (!this.options.costOrder || this.context.knownCosts === undefined || !this.#fit.ready) {
      this.#neighbours = moves;
      return centre;
    }
    const samples: Sample[] = [];
    for (const move of moves) {
      const sample = applyMoves(space, centre.sample, [move], rng);
      if (sample !== undefined && !this.proposedSamples.has(sample)) samples.push(sample);
    }
    // Known-infeasible neighbours would be pruned, and those the costs predict worse than the centre
    // are not worth a query: the climb tries the rest, the best predicted first.
    this.#neighbours = costGuided(samples, centre.sample, this.context.knownCosts, this.#fit).map((sample) => ({ sample }));
    return centre;
  }

  /** The centre's next neighbour not proposed yet (and now claimed), or `undefined` when none is left. */
  #nextNeighbour(): Sample | undefined {
    const { space, rng } = this.context;
    for (let next = this.#neighbours.pop(); next !== undefined; next = this.#neighbours.pop()) {
      const neighbour = 'sample' in next ? next.sample : applyMoves(space, this.#centre!.sample, [next], rng);
      if (neighbour !== undefined && this.proposedSamples.claim(neighbour)) return neighbour;
    }
    return undefined;
  }

  /**
   * With a restart distance, the first untried neighbour of a restart point, the centre moved there;
   * each centre found exhausted on the way counts as a local optimum. `undefined` when no restart
   * point is left (or restarts are off).
   */
  #restart(): Sample | undefined {
    const distance = this.options.restartDistance;
    if (distance === undefined) return undefined;
    for (;;) {
      this.#optima.push(this.#centre!.sample);
      const start = restartPoint(this.#evaluated, this.#centres, this.#optima, distance);
      if (start === undefined) return undefined;
      this.#centre = this.#moveTo(start);
      const neighbour = this.#nextNeighbour();
      if (neighbour !== undefined) return neighbour;
    }
  }

  /** An unseen sample `kickSizes` decisions away from `from` (now claimed), or `undefined`. */
  #kick(from: Scored): Sample | undefined {
    const { space, rng } = this.context;
    const sizes = this.options.kickSizes;
    const kick = () => applyMoves(space, from.sample, kickMoves(space, from.sample, sizes[rng.int(sizes.length)]!, rng), rng);
    if (this.options.costOrder && this.context.knownCosts !== undefined && this.#fit.ready) {
      const guided = this.#costGuidedKick(kick);
      if (guided !== undefined) return guided;
    }
    return this.proposedSamples.claimFirstNew(kick, KICK_RETRIES);
  }

  /**
   * Of up to {@link COST_KICK_CANDIDATES} unseen kicks whose known costs keep the constraints, the one
   * the costs predict best (now claimed), or `undefined` when no kick qualifies.
   */
  #costGuidedKick(kick: () => Sample | undefined): Sample | undefined {
    const known = this.context.knownCosts!;
    const pool: Sample[] = [];
    for (let i = 0; i < KICK_RETRIES && pool.length < COST_KICK_CANDIDATES; i++) {
      const sample = kick();
      if (sample !== undefined && !this.proposedSamples.has(sample) && (known(sample)?.violation ?? 0) === 0) pool.push(sample);
    }
    const chosen = costGuided(pool, undefined, known, this.#fit).pop();
    return chosen !== undefined && this.proposedSamples.claim(chosen) ? chosen : undefined;
  }

  protected override observe(proposal: Proposal, outcome: Outcome): void {
    if (outcome.status !== 'succeeded') return;
    const scored: Scored = { sample: proposal.sample, score: this.score(outcome.value), violation: outcome.violation ?? 0 };
    const costs = this.options.costOrder && scored.violation === 0 ? this.context.knownCosts?.(proposal.sample) : undefined;
    if (costs !== undefined) this.#fit.add(costs.metrics, scored.score);
    if (this.#best === undefined || beats(scored, this.#best)) this.#best = scored;
    this.#evaluated.push(scored);
    const kick = this.#kicks.delete(proposal.id);
    if (this.#centre !== undefined && (kick || beats(scored, this.#centre))) this.#centre = this.#moveTo(scored);
  }
}


/**
 * Iterated local search over any space: first-improvement hill climbing with kicks from the best
 * sample at local optima.
 *
 * @example
 * ```ts
 * const result = await search(space, evaluate, new LocalSearch(), { maxTrials: 100 }, { seed: 1 });
 * ```
 */
export class LocalSearch implements Strategy {
  readonly name = 'LocalSearch';
  /** With several objectives it runs Pareto local search ({@link ParetoLocalSearchSession}). */
  readonly multiObjective = true;
  readonly options: LocalSearchSettings;

  constructor(options: LocalSearchOptions = {}) {
    checkOptionNames('LocalSearch', options, ['initialSamples', 'kickSizes', 'redraws', 'explore', 'referenceMargin', 'canonicalKey', 'restartDistance', 'balancedStart', 'costOrder', 'swaps', 'exploreDecay', 'additiveModel', 'modelCandidates']);
    const initialSamples = options.initialSamples ?? 10;
    if (!Number.isInteger(initialSamples) || initialSamples < 1) throw new RangeError(`LocalSearch: initialSamples must be an integer ≥ 1, got ${String(initialSamples)}`);
    const kickSizes = options.kickSizes ?? [2, 3];
    if (!Array.isArray(kickSizes) || kickSizes.length === 0 || !kickSizes.every((size) => Number.isInteger(size) && size >= 1)) {
      throw new RangeError(`LocalSearch: kickSizes must be a non-empty list of integers ≥ 1, got ${JSON.stringify(kickSizes)}`);
    }
    const redraws = options.redraws ?? 4;
    if (!Number.isInteger(redraws) || redraws < 1) throw new RangeError(`LocalSearch: redraws must be an integer ≥ 1, got ${String(redraws)}`);
    const explore = options.explore ?? 'contribution';
    if (explore !== 'contribution' && explore !== 'uniform') throw new RangeError(`LocalSearch: explore must be 'contribution' or 'uniform', got ${JSON.stringify(explore)}`);
    const referenceMargin = options.referenceMargin ?? 1;
    if (typeof referenceMargin !== 'number' || !Number.isFinite(referenceMargin) || referenceMargin < 0) {
      throw new RangeError(`LocalSearch: referenceMargin must be a finite number ≥ 0, got ${String(referenceMargin)}`);
    }
    const balanced = options.balancedStart ?? false;
    if (typeof balanced !== 'boolean') throw new TypeError(`LocalSearch: balancedStart must be true or false, got ${String(balanced)}`);
    const { canonicalKey, restartDistance } = options;
    const costOrder = options.costOrder ?? true;
    if (typeof costOrder !== 'boolean') throw new RangeError(`LocalSearch: costOrder must be true or false, got ${String(costOrder)}`);
    const swaps = options.swaps ?? true;
    if (typeof swaps !== 'boolean') throw new RangeError(`LocalSearch: swaps must be true or false, got ${String(swaps)}`);
    const additiveModel = options.additiveModel ?? true;
    if (typeof additiveModel !== 'boolean') throw new RangeError(`LocalSearch: additiveModel must be true or false, got ${String(additiveModel)}`);
    const exploreDecay = options.exploreDecay ?? 1;
    if (typeof exploreDecay !== 'number' || !Number.isFinite(exploreDecay) || exploreDecay < 0) {
      throw new RangeError(`LocalSearch: exploreDecay must be a finite number ≥ 0, got ${String(exploreDecay)}`);
    }
    const modelCandidates = options.modelCandidates ?? DEFAULT_MODEL_CANDIDATES;
    if (!Number.isInteger(modelCandidates) || modelCandidates < 0) throw new RangeError(`LocalSearch: modelCandidates must be an integer ≥ 0, got ${String(modelCandidates)}`);
    if (restartDistance !== undefined && !(Number.isInteger(restartDistance) && restartDistance >= 1)) {
      throw new RangeError(`LocalSearch: restartDistance must be an integer ≥ 1 (or absent: always kick), got ${String(restartDistance)}`);
    }
    this.options = {
      initialSamples,
      kickSizes: Object.freeze([...kickSizes]),
      redraws,
      explore,
      referenceMargin,
      costOrder,
      swaps,
      additiveModel,
      exploreDecay,
      modelCandidates,
      ...(balanced ? { balancedStart: true } : {}),
      ...(canonicalKey !== undefined ? { canonicalKey: stringKeys('LocalSearch', canonicalKey) } : {}),
      ...(restartDistance !== undefined ? { restartDistance } : {}),
    };
  }

  start(context: StrategyContext): StrategySession {
    return context.objectives === undefined ? new LocalSearchSession(context, this.options) : new ParetoLocalSearchSession(context, this.options);
  }
}
