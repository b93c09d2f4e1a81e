/**
 * Hyperband (Li et al., 2018): successive halving run in brackets that trade the number of
 * configurations against the budget each one gets. A bracket starts many random configurations at a
 * small budget; each rung waits for all its outcomes, then promotes the best `1/eta` to `eta` times
 * the budget, until the largest budget. Brackets cycle from the most aggressive (most configurations,
 * smallest budget) to plain full-budget random search.
 */
import type { Sample } from '@archspace/mutables';
import { type Strategy, type StrategyContext, StrategySession } from './strategy.js';
import { checkOptionNames } from './strategy-options.js';

/** Options of {@link Hyperband}. */
export interface HyperbandOptions {
  /** The smallest budget a configuration is run at (epochs, say); > 0. */
  readonly minBudget: number;
  /** The largest budget, at which every bracket ends; ≥ `minBudget`. */
  readonly maxBudget: number;
  /** The halving rate: each rung keeps the best `1/eta` at `eta` times the budget (default 3). */
  readonly eta?: number;
  /**
   * Brackets to run before the search is done; unset, brackets cycle forever. A bracket is one
   * successive-halving run (BOHB's "iteration"); a full Hyperband iteration of Li et al. is
   * `brackets.length` of them.
   */
  readonly iterations?: number;
}

/** One rung of a bracket: `size` configurations run at `budget`. */
export interface HyperbandRung {
  readonly size: number;
  readonly budget: number;
}

/** One successive-halving bracket: its index `s` (rungs − 1) and its rungs, smallest budget first. */
export interface HyperbandBracket {
  readonly s: number;
  readonly rungs: readonly HyperbandRung[];
}

/** Slack for floating-point powers of `eta` (27 / 3³ must count as exactly 1). */
const EPSILON = 1e-9;



/**
 * The brackets of Hyperband for a budget range, most aggressive first: with `R = maxBudget /
 * minBudget` and `sMax = ⌊log_eta R⌋`, bracket `s` starts `⌈(sMax + 1) / (s + 1) · eta^s⌉`
 * configurations at `maxBudget · eta^−s`, and rung `i` keeps `⌊n · eta^−i⌋` of them.
 *
 * @example
 * ```ts
 * hyperbandBrackets(1, 27, 3)[0]; // { s: 3, rungs: [{ size: 27, budget: 1 }, { size: 9, budget: 3 }, { size: 3, budget: 9 }, { size: 1, budget: 27 }] }
 * ```
 */
export function hyperbandBrackets(minBudget: number, maxBudget: number, eta: number): HyperbandBracket[] {
  checkSchedule(minBudget, maxBudget, eta);
  const ratio = maxBudget / minBudget;
  let sMax = 0;
  while (eta ** (sMax + 1) <= ratio * (1 + EPSILON)) sMax++;
  const brackets: HyperbandBracket[] = [];
  for (let s = sMax; s >= 0; s--) {
    const n = Math.ceil(((sMax + 1) / (s + 1)) * eta ** s - EPSILON);
    const rungs: HyperbandRung[] = [];
    for (let i = 0; i <= s; i++) {
      rungs.push({ size: Math.max(1, Math.floor(n / eta ** i + EPSILON)), budget: maxBudget / eta ** (s - i) });
    }
    brackets.push({ s, rungs });
  }
  return brackets;
}

function checkSchedule(minBudget: number, maxBudget: number, eta: number): void {
  if (!(Number.isFinite(minBudget) && minBudget > 0)) throw new RangeError(`minBudget must be a finite number > 0, got ${minBudget}`);
  if (!(Number.isFinite(maxBudget) && maxBudget >= minBudget)) throw new RangeError(`maxBudget must be a finite number ≥ minBudget (${minBudget}), got ${maxBudget}`);
  if (!(Number.isFinite(eta) && eta > 1)) throw new RangeError(`eta must be a finite number > 1, got ${eta}`);
}

/** The bracket in progress: which rung, what is left to propose in it, and who ran in it. */
interface OpenBracket {
  readonly plan: HyperbandBracket;
  rung: number;
  /** New configurations still to draw (first rung only). */
  fresh: number;
  /** Promoted samples still to propose in this rung. */
  queue: Sample[];
  /** Trial ids of this rung. */
  members: number[];
}

/**
 * A Hyperband search in progress. Subclasses change where new configurations come from by
 * overriding {@link HyperbandSession.newSample} (BOHB draws them from a model); the schedule,
 * the waiting and the promotions stay here.
 */
export class HyperbandSession extends StrategySession {
  readonly #brackets: readonly HyperbandBracket[];
  readonly #iterations: number | undefined;
  #open: OpenBracket | undefined;
  #started = 0;
  #exhausted = false;

  constructor(context: StrategyContext, brackets: readonly HyperbandBracket[], iterations: number | undefined) {
    super(context);
    this.#brackets = brackets;
    this.#iterations = iterations;
  }

  /** True once the configured brackets have run, or no unseen configuration is left. */
  override get done(): boolean {
    this.#advance();
    return this.#open === undefined && (this.#exhausted || (this.#iterations !== undefined && this.#started >= this.#iterations));
  }

  /** The schedule this session cycles through, most aggressive bracket first. */
  get brackets(): readonly HyperbandBracket[] {
    return this.#brackets;
  }

  /** The next new or promoted configuration of the open bracket (opening one if needed), or `undefined` while its rung waits. */
  protected propose(): { sample: Sample; budget: number } | undefined {
    this.#advance();
    if (this.#open === undefined) {
      if (this.#exhausted || (this.#iterations !== undefined && this.#started >= this.#iterations)) return undefined;
      const plan = this.#brackets[this.#started % this.#brackets.length]!;
      this.#started++;
      this.#open = { plan, rung: 0, fresh: plan.rungs[0]!.size, queue: [], members: [] };
    }
    const open = this.#open;
    const budget = open.plan.rungs[open.rung]!.budget;
    // The session's next trial id: `ask` numbers proposals by their position in the trial list.
    const id = this.trials.length;
    if (open.fresh > 0) {
      const sample = this.newSample(budget);
      if (sample !== undefined) {
        this.proposedSamples.claim(sample);
        open.fresh--;
        open.members.push(id);
        return { sample, budget };
      }
      // No unseen configuration is left: run the rung with what it has, and start no more brackets.
      this.#exhausted = true;
      open.fresh = 0;
      if (open.members.length === 0) {
        this.#open = undefined;
        return undefined;
      }
    }
    const promoted = open.queue.shift();
    if (promoted === undefined) return undefined; // the rung waits for its outcomes
    open.members.push(id);
    return { sample: promoted, budget };
  }

  /**
   * A new configuration for the first rung of a bracket (at `budget`), never proposed before in
   * this session; `undefined` when none is left. By default a random one.
   */
  protected newSample(_budget: number): Sample | undefined {
    return this.randomSample();
  }

  /** Whether `sample` was already introduced as a new configuration. */
  protected seen(sample: Sample): boolean {
    return this.proposedSamples.has(sample);
  }

  /**
   * A random configuration not introduced before: random draws first, then, for a finite space
   * whose draws keep repeating, the grid's unseen points; `undefined` once the space is exhausted.
   */
  protected randomSample(): Sample | undefined {
    return this.proposedSamples.findUnseen(this.context.rng);
  }

  /** Moves the open bracket on while its current rung is complete: promote, or close the bracket. */
  #advance(): void {
    for (let open = this.#open; open !== undefined; open = this.#open) {
      if (open.fresh > 0 || open.queue.length > 0) return;
      if (open.members.some((id) => this.trials[id]?.outcome === undefined)) return;
      const next = open.plan.rungs[open.rung + 1];
      const promoted = next === undefined ? [] : this.#best(open.members, next.size);
      if (promoted.length === 0) {
        this.#open = undefined;
        return;
      }
      open.rung++;
      open.queue = promoted;
      open.members = [];
    }
  }

  /** The samples of the best `count` succeeded trials among `ids`; ties keep the earlier trial. */
  #best(ids: readonly number[], count: number): Sample[] {
    const ranked: { id: number; score: number; sample: Sample }[] = [];
    for (const id of ids) {
      const { proposal, outcome } = this.trials[id]!;
      if (outcome?.status === 'succeeded') ranked.push({ id, score: this.score(outcome.value), sample: proposal.sample });
    }
    ranked.sort((a, b) => (a.score === b.score ? a.id - b.id : a.score > b.score ? -1 : 1));
    return ranked.slice(0, count).map((r) => r.sample);
  }
}

/**
 * Hyperband with random configurations. Proposals carry `budget` (from `maxBudget · eta^−s` up to
 * `maxBudget`); the evaluator reads it from `TrialContext.budget`. Failed and stopped trials are
 * never promoted.
 *
 * @example
 * ```ts
 * const result = await search(space, (sample, trial) => train(sample, { epochs: trial.budget! }),
 *   new Hyperband({ minBudget: 1, maxBudget: 27, iterations: 8 }), { maxTrials: 1000, concurrency: 4 });
 * ```
 */
export class Hyperband implements Strategy {
  readonly name = 'Hyperband';
  /** The settings, defaults filled in. */
  readonly options: { readonly minBudget: number; readonly maxBudget: number; readonly eta: number; readonly iterations: number | undefined };
  /** The brackets a session cycles through, most aggressive first. */
  readonly brackets: readonly HyperbandBracket[];

  constructor(options: HyperbandOptions) {
    checkOptionNames('Hyperband', options, ['minBudget', 'maxBudget', 'eta', 'iterations']);
    const eta = options.eta ?? 3;
    const { minBudget, maxBudget, iterations } = options;
    if (iterations !== undefined && !(Number.isInteger(iterations) && iterations >= 1)) throw new RangeError(`iterations must be an integer ≥ 1, got ${iterations}`);
    this.brackets = hyperbandBrackets(minBudget, maxBudget, eta);
    this.options = { minBudget, maxBudget, eta, iterations };
  }

  /** Starts a search: brackets from the most aggressive, new configurations at random. */
  start(context: StrategyContext): StrategySession {
    return new HyperbandSession(context, this.brackets, this.options.iterations);
  }
}
