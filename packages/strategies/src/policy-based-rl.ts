/**
 * REINFORCE (Williams, 1992) over a categorical space, as benchmarked in the NAS-Bench-201 paper: one
 * independent softmax per decision, Adam on the logits, and an exponential moving average of the
 * rewards as baseline. The reward of a trial is its score (the value, negated when minimizing), or
 * with `rankRewards` the score's quantile among the earlier ones; failed and stopped trials are
 * ignored unless `rewardForInvalid` is given. A trial that breaks the search's constraints ranks below
 * every feasible one (by rank with `rankRewards`; otherwise rewarded as the worst feasible score seen minus the violation times the feasible scores' spread). Only Categorical-like decisions are searched
 * (Numerical ones are refused, as in the reference).
 */
import type { Sample } from '@archspace/mutables';
import { CategoricalPolicy, type Experience } from './policy-based-rl-policy.js';
import { RewardRanks } from './reward-ranks.js';
import { type Outcome, type Proposal, type Strategy, type StrategyContext, StrategySession } from './strategy.js';
import { checkOptionNames } from './strategy-options.js';

/** Options of {@link PolicyBasedRL}. */
export interface PolicyBasedRLOptions {
  /** Adam step size on the logits (default 0.1, tuned on the NAS-Bench-201 search signal; the paper uses 0.001). */
  readonly learningRate?: number;
  /** Momentum of the moving-average reward baseline, in [0, 1) (default 0.9, as the NAS-Bench-201 paper). */
  readonly baselineMomentum?: number;
  /** Told trials per policy update (default 1: update after every trial, as the NAS-Bench-201 paper; the reference's v3 uses 20). */
  readonly samplesPerUpdate?: number;
  /** Weight of the entropy bonus that keeps the policy from collapsing early (default 0). */
  readonly entropyWeight?: number;
  /** The value (in the metric's units) a failed or stopped trial counts as; ignored when absent (default). */
  readonly rewardForInvalid?: number;
  /** Never propose a sample twice (default true). */
  readonly dedup?: boolean;
  /**
   * Learn from each reward's quantile among the rewards told before it instead of its value
   * (rank-based fitness shaping, Wierstra et al. 2014), so the spread of the rewards does not scale
   * the steps (default false). Entropy weights are then relative to advantages within ±1.
   */
  readonly rankRewards?: boolean;
}

/** Draws from the policy before a duplicate-hit search falls back to uniform draws, then to the grid. */
const DEDUP_RETRIES = 100;
/** Policy draws that break a constraint before one draw of the space's own distribution is used. */
const CONSTRAINT_RETRIES = 100;

/**
 * A search by {@link PolicyBasedRL}. Its state — the policy and the baseline — follows from the
 * outcomes told so far, in the order they were told.
 */
export class PolicyBasedRLSession extends StrategySession {
  readonly #policy: CategoricalPolicy;
  readonly #batch: Experience[] = [];
  readonly #ranks = new RewardRanks();
  /** Bias-corrected moving average: numerator and weight. */
  #baselineSum = 0;
  #baselineWeight = 0;
  #exhausted = false;
  /** The worst and best scores of the feasible succeeded trials told so far. */
  #feasibleWorst = Infinity;
  #feasibleBest = -Infinity;

  constructor(
    context: StrategyContext,
    readonly options: Readonly<Required<Omit<PolicyBasedRLOptions, 'rewardForInvalid'>>> & { readonly rewardForInvalid: number | undefined },
  ) {
    super(context);
    this.#policy = new CategoricalPolicy(context.space);
  }

  override get done(): boolean {
    return this.#exhausted;
  }

  /**
   * The policy's current probability of each value of `label` (in the decision's grid order), or
   * `undefined` for a label the space does not have.
   *
   * @example
   * ```ts
   * session.distribution('0_1'); // [{ value: 'none', probability: 0.12 }, …]
   * ```
   */
  distribution(label: string): { value: unknown; probability: number }[] | undefined {
    return this.#policy.distribution(label);
  }

  /** The reward baseline (moving average of the rewards told so far), or `undefined` before the first. */
  get baseline(): number | undefined {
    return this.#baselineWeight === 0 ? undefined : this.#baselineSum / this.#baselineWeight;
  }

  protected propose(): { sample: Sample } | undefined {
    if (this.#exhausted) return undefined;
    if (!this.options.dedup) return { sample: this.#draw() };
    for (let attempt = 0; attempt < DEDUP_RETRIES; attempt++) {
      const sample = this.#draw();
      if (this.proposedSamples.claim(sample)) return { sample };
    }
    // The policy keeps proposing what was seen: try the space's own distribution, then the grid.
    const sample = this.proposedSamples.claimUnseen(this.context.rng, DEDUP_RETRIES);
    if (sample === undefined) this.#exhausted = true;
    return sample === undefined ? undefined : { sample };
  }

  /** A sample drawn from the policy: a value for every decision, pruned to the active ones. */
  #draw(): Sample {
    const { space, rng } = this.context;
    for (let attempt = 0; attempt < CONSTRAINT_RETRIES; attempt++) {
      const memo = this.#policy.draw(rng);
      // Extra (inactive) labels are ignored by the check; `random` with every label fixed draws
      // nothing and returns exactly the active labels.
      if (space.checkContains(memo) === undefined) return space.random(rng, memo);
    }
    return space.random(rng);
  }

  protected override observe(proposal: Proposal, outcome: Outcome): void {
    const reward = this.#reward(outcome);
    if (reward === undefined) return;
    const baseline = this.baseline;
    const momentum = this.options.baselineMomentum;
    this.#baselineSum = momentum * this.#baselineSum + (1 - momentum) * reward;
    this.#baselineWeight = momentum * this.#baselineWeight + (1 - momentum);
    // The first reward only sets the baseline: with nothing to compare it to, it has no advantage.
    if (baseline === undefined) return;
    this.#batch.push({ sample: proposal.sample, advantage: reward - baseline });
    if (this.#batch.length >= this.options.samplesPerUpdate) {
      this.#policy.update(this.#batch, this.options.learningRate, this.options.entropyWeight);
      this.#batch.length = 0;
    }
  }

  /**
   * The larger-is-better reward of an outcome, or `undefined` when it teaches nothing. A succeeded
   * trial that breaks the constraints (violation v > 0) must rank below every feasible one: with
   * `rankRewards` its rank is below theirs and below less violating ones; otherwise its reward is the
   * worst feasible score seen so far minus v times the spread of the feasible scores seen (1 while
   * they are all equal), so it is worse than any feasible trial seen and worse the more it breaks the
   * constraints; before any feasible trial there is no scale to put it on, and it teaches nothing.
   */
  #reward(outcome: Outcome): number | undefined {
    const violation = outcome.status === 'succeeded' ? (outcome.violation ?? 0) : 0;
    if (violation > 0) {
      if (this.options.rankRewards) return this.#ranks.rank(0, violation);
      if (this.#feasibleBest === -Infinity) return undefined;
      const spread = this.#feasibleBest - this.#feasibleWorst;
      return this.#feasibleWorst - violation * (spread > 0 ? spread : 1);
    }
    const value = outcome.status === 'succeeded' ? outcome.value : this.options.rewardForInvalid;
    if (value === undefined || !Number.isFinite(value)) return undefined;
    const score = this.score(value);
    if (outcome.status === 'succeeded') {
      this.#feasibleWorst = Math.min(this.#feasibleWorst, score);
      this.#feasibleBest = Math.max(this.#feasibleBest, score);
    }
    return this.options.rankRewards ? this.#ranks.rank(score) : score;
  }
}

/**
 * Policy-gradient search (REINFORCE) for categorical spaces. Each decision gets a softmax over its
 * values, learned from the rewards of the trials told: values of better-than-average samples become
 * more likely. Numerical decisions are refused with a {@link SearchSpaceError} (code
 * `not-categorical`) when the search starts. Conditional spaces are supported: a sample holds only
 * its active decisions, and only those are updated.
 *
 * @remarks
 * Defaults were tuned on the NAS-Bench-201 search signal (12-epoch CIFAR-10 validation accuracy,
 * 100 queries): Adam step 0.1 after every trial, baseline momentum 0.9. The reference (NNI v3) uses
 * a tianshou PPO agent updated every 20 trials; the NAS-Bench-201 paper uses the REINFORCE here with
 * step 0.001, which barely moves the policy within 100 trials.
 *
 * @example
 * ```ts
 * const result = await search(space, evaluate, new PolicyBasedRL(), { maxTrials: 100 }, { seed: 1 });
 * ```
 */
export class PolicyBasedRL implements Strategy {
  readonly name = 'PolicyBasedRL';
  readonly options: PolicyBasedRLSession['options'];

  constructor(options: PolicyBasedRLOptions = {}) {
    checkOptionNames('PolicyBasedRL', options, ['learningRate', 'baselineMomentum', 'samplesPerUpdate', 'entropyWeight', 'rewardForInvalid', 'dedup', 'rankRewards']);
    const learningRate = options.learningRate ?? 0.1;
    const baselineMomentum = options.baselineMomentum ?? 0.9;
    const samplesPerUpdate = options.samplesPerUpdate ?? 1;
    const entropyWeight = options.entropyWeight ?? 0;
    if (!(learningRate > 0 && Number.isFinite(learningRate))) throw new RangeError(`learningRate must be a finite number > 0, got ${learningRate}`);
    if (!(baselineMomentum >= 0 && baselineMomentum < 1)) throw new RangeError(`baselineMomentum must be in [0, 1), got ${baselineMomentum}`);
    if (!Number.isInteger(samplesPerUpdate) || samplesPerUpdate < 1) throw new RangeError(`samplesPerUpdate must be an integer ≥ 1, got ${samplesPerUpdate}`);
    if (!(entropyWeight >= 0 && Number.isFinite(entropyWeight))) throw new RangeError(`entropyWeight must be a finite number ≥ 0, got ${entropyWeight}`);
    if (options.rewardForInvalid !== undefined && !Number.isFinite(options.rewardForInvalid)) {
      throw new RangeError(`rewardForInvalid must be a finite number, got ${options.rewardForInvalid}`);
    }
    this.options = { learningRate, baselineMomentum, samplesPerUpdate, entropyWeight, rewardForInvalid: options.rewardForInvalid, dedup: options.dedup ?? true, rankRewards: options.rankRewards ?? false };
  }

  /** Starts a search; throws {@link SearchSpaceError} when the space has a non-categorical decision. */
  start(context: StrategyContext): PolicyBasedRLSession {
    return new PolicyBasedRLSession(context, this.options);
  }
}
