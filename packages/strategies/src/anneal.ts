/**
 * Annealing, the reference's `Anneal` tuner (hyperopt's annealing algorithm), written from its
 * description: random search that draws closer and closer to good trials. Each proposal starts from
 * one of the best trials so far — the trial at a geometric random rank (`avgBestIdx` is the mean
 * of that rank plus one) —
 * and draws each decision from its own distribution narrowed around that trial's value: a range
 * `1 / (1 + T · shrinkCoef)` of its width (T: trials that used the decision), a normal's sigma
 * shrunk by the same factor, and a discrete decision keeps the value with probability `1 − factor`
 * (else draws from its prior). Decisions no trial used yet, and the first proposal, are drawn at
 * random. Failed and unfinished trials rank last. It never proposes a sample twice.
 */
import { type Decision, Numerical, type Rng, type Sample } from '@archspace/mutables';
import { randomCompletion } from './random-completion.js';
import { type Outcome, type Strategy, type StrategyContext, StrategySession } from './strategy.js';
import { checkOptionNames } from './strategy-options.js';

/** Options of {@link Anneal}. */
export interface AnnealOptions {
  /** One more than the mean rank (0 = best) of the trial a proposal starts from (≥ 1; default 2, as the reference). */
  readonly avgBestIdx?: number;
  /** How fast the neighbourhood shrinks with the number of trials (default 0.1, as the reference). */
  readonly shrinkCoef?: number;
  /** Never propose a sample twice (default true). */
  readonly dedup?: boolean;
}

/** Candidates tried for a sample not proposed yet before falling back to unseen random ones. */
const CANDIDATE_RETRIES = 100;

/** A trial's sample and its loss (smaller is better; `Infinity` while unknown or failed). */
interface Ranked {
  readonly sample: Sample;
  readonly loss: number;
}

/**
 * A rank ≥ 0: a geometric count ≥ 1 of mean `mean` (success probability `1 / mean` per step) minus 1,
 * as the reference draws it; rank 0 (the best trial) is the likeliest.
 */
function geometricRank(rng: Rng, mean: number): number {
  const p = 1 / mean;
  if (p >= 1) return 0;
  return Math.floor(Math.log(1 - rng.next()) / Math.log(1 - p));
}

/** `value` made a member of `decision`'s numerical range (rounded to its step, clipped to its bounds). */
function numericalMember(decision: Decision, value: number): number {
  if (decision instanceof Numerical) return decision.qclip(value);
  const domain = decision.domain;
  if (domain.kind !== 'numerical') return value;
  return Math.min(domain.high, Math.max(domain.low, value));
}

/** A value of `decision` drawn around `base` with the neighbourhood shrunk to `shrink` (in (0, 1]). */
export function annealedValue(decision: Decision, base: unknown, shrink: number, rng: Rng): unknown {
  const domain = decision.domain;
  if (decision.problemWith(base) !== undefined) return decision.drawValue(rng);
  if (domain.kind !== 'numerical' || typeof base !== 'number') {
    // The prior mixed with the base value: the base keeps weight 1 − shrink.
    return rng.next() < shrink ? decision.drawValue(rng) : base;
  }
  let x: number;
  if (domain.mu !== undefined && domain.sigma !== undefined) {
    const centre = domain.log ? Math.log(base > 0 ? base : 1e-16) : base;
    x = centre + domain.sigma * shrink * rng.normal();
    if (domain.log) x = Math.exp(x);
  } else {
    const toScale = (v: number) => (domain.log ? Math.log(v) : v);
    const low = toScale(domain.low);
    const high = toScale(domain.high);
    const half = ((high - low) * shrink) / 2;
    // The narrowed range is shifted to stay inside the original one.
    const centre = Math.min(high - half, Math.max(low + half, toScale(base)));
    x = rng.uniform(centre - half, centre + half);
    if (domain.log) x = Math.exp(x);
  }
  const value = numericalMember(decision, x);
  return decision.problemWith(value) === undefined ? value : decision.drawValue(rng);
}

class AnnealSession extends StrategySession {
  #exhausted = false;

  constructor(
    context: StrategyContext,
    readonly options: Required<AnnealOptions>,
  ) {
    super(context);
  }

  override get done(): boolean {
    return this.#exhausted;
  }

  #loss(outcome: Outcome | undefined): number {
    if (outcome === undefined || outcome.status === 'failed' || outcome.value === undefined) return Infinity;
    return -this.score(outcome.value);
  }

  /** A sample annealed around good trials, or `undefined` when its fixed decisions break a constraint. */
  #candidate(ranked: readonly Ranked[]): Sample | undefined {
    const { space, rng } = this.context;
    const memo: Sample = Object.create(null) as Sample;
    // The trials this proposal starts from: a decision the first of them did not use takes the next
    // one that did, or a new good trial, as the reference does.
    const bases: Ranked[] = [];
    for (const decision of Object.values(space.simplify())) {
      const label = decision.label;
      const users = ranked.filter((trial) => Object.hasOwn(trial.sample, label));
      if (users.length === 0) continue;
      let base = bases.find((trial) => Object.hasOwn(trial.sample, label));
      if (base === undefined) {
        base = users[Math.min(users.length - 1, geometricRank(rng, this.options.avgBestIdx))]!;
        bases.push(base);
      }
      const shrink = 1 / (1 + users.length * this.options.shrinkCoef);
      memo[label] = annealedValue(decision, base.sample[label], shrink, rng);
    }
    return randomCompletion(space, rng, memo);
  }

  protected propose(): { sample: Sample } | undefined {
    if (this.#exhausted) return undefined;
    const { space, rng } = this.context;
    const ranked: Ranked[] = this.trials.map((trial) => ({ sample: trial.proposal.sample, loss: this.#loss(trial.outcome) }));
    // Stable: equal losses keep the order of the trials.
    ranked.sort((a, b) => (a.loss === b.loss ? 0 : a.loss < b.loss ? -1 : 1));
    if (!this.options.dedup) return { sample: (ranked.length > 0 ? this.#candidate(ranked) : undefined) ?? space.random(rng) };
    const sample = (ranked.length > 0 ? this.proposedSamples.claimFirstNew(() => this.#candidate(ranked), CANDIDATE_RETRIES) : undefined) ?? this.proposedSamples.claimUnseen(rng);
    if (sample === undefined) this.#exhausted = true;
    return sample === undefined ? undefined : { sample };
  }
}

/**
 * The annealing tuner.
 *
 * @example
 * ```ts
 * await search(space, evaluate, new Anneal({ shrinkCoef: 0.2 }), { maxTrials: 50 }, { seed: 1 });
 * ```
 */
export class Anneal implements Strategy {
  readonly name = 'Anneal';
  readonly options: Required<AnnealOptions>;

  constructor(options: AnnealOptions = {}) {
    checkOptionNames('Anneal', options, ['avgBestIdx', 'shrinkCoef', 'dedup']);
    const avgBestIdx = options.avgBestIdx ?? 2;
    const shrinkCoef = options.shrinkCoef ?? 0.1;
    if (!(avgBestIdx >= 1 && Number.isFinite(avgBestIdx))) throw new RangeError(`avgBestIdx must be a finite number ≥ 1, got ${avgBestIdx}`);
    if (!(shrinkCoef >= 0 && Number.isFinite(shrinkCoef))) throw new RangeError(`shrinkCoef must be a finite number ≥ 0, got ${shrinkCoef}`);
    this.options = { avgBestIdx, shrinkCoef, dedup: options.dedup ?? true };
  }

  start(context: StrategyContext): StrategySession {
    return new AnnealSession(context, this.options);
  }
}
