/**
 * BOHB (Falkner et al., 2018): Hyperband's brackets, with new configurations drawn from a model
 * instead of at random. The model is fitted on the largest budget with enough outcomes: the best
 * `topNPercent` of them (at least `minPointsInModel`) make a "good" kernel density `l(x)`, the worst
 * `max(minPointsInModel, n − good)` a "bad" one `g(x)` — the paper's counts, so with few outcomes the
 * two sets share their middle (the reference's code takes the bad set after the good one); candidates
 * are drawn around good configurations with widened bandwidths, and the one with the largest
 * `l(x) / g(x)` is proposed. A fraction of new configurations stays random.
 *
 * Every decision of an archspace space is modelled on its own (a product of one-dimensional
 * kernels), from the trials in which it was active; candidates are completed with
 * `space.random(rng, memo)`, so they hold exactly the labels their choices activate and satisfy the
 * space's constraints.
 */
import { isDeepStrictEqual } from 'node:util';
import { ConstraintViolation, type Domain, type Rng, type Sample, SampleValidationError } from '@archspace/mutables';
import { type HyperbandBracket, HyperbandSession, hyperbandBrackets } from './hyperband.js';
import type { Outcome, Proposal, Strategy, StrategyContext, StrategySession } from './strategy.js';
import { checkOptionNames } from './strategy-options.js';

/** Options of {@link BOHB}. */
export interface BOHBOptions {
  /** The smallest budget a configuration is run at (epochs, say); > 0. */
  readonly minBudget: number;
  /** The largest budget, at which every bracket ends. */
  readonly maxBudget: number;
  /** The halving rate of the brackets (default 3). */
  readonly eta?: number;
  /** Brackets to run before the search is done; unset, brackets cycle forever. */
  readonly iterations?: number;
  /** The fraction of new configurations drawn at random, whatever the model (default 1/3). */
  readonly randomFraction?: number;
  /** Candidates drawn from the good density per new configuration (default 64). */
  readonly numSamples?: number;
  /** The percentage of a budget's outcomes that make the good density (default 15). */
  readonly topNPercent?: number;
  /**
   * The fewest points in each density (default: the number of decisions + 1); a budget is modelled
   * once it has this many outcomes plus two.
   */
  readonly minPointsInModel?: number;
  /**
   * How much wider than the fitted bandwidths candidates of numeric decisions are drawn (default 3);
   * a categorical value is redrawn with the probability its kernel gives other values.
   */
  readonly bandwidthFactor?: number;
}

/** Smallest bandwidth of a kernel (continuous: in the decision's unit range; categorical: a probability). */
const MIN_BANDWIDTH = 1e-3;
/** Continuous decisions of a normal distribution are modelled over this many standard deviations each side. */
const NORMAL_SPAN = 8;
/** Draws of a truncated kernel before its value is clipped into range. */
const TRUNCATION_RETRIES = 20;
const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** A density over one decision's values, fitted on some trials' values of it. */
interface AxisDensity {
  /** The log-density of `value`. */
  logDensity(value: unknown): number;
  /** A value drawn from the kernel (widened by the bandwidth factor) centred on `value`. */
  near(value: unknown, rng: Rng): unknown;
}

/** How one decision is modelled: `fit` makes its density from values (the prior when there are none). */
interface Axis {
  readonly label: string;
  fit(values: readonly unknown[], dimensions: number, bandwidthFactor: number): AxisDensity;
}

/** Positions of values in a list, by value (deep equality for objects). */
function indexer(values: readonly unknown[]): (value: unknown) => number {
  const primitive = new Map<unknown, number>();
  const objects: number[] = [];
  values.forEach((v, i) => {
    if (v !== null && typeof v === 'object') objects.push(i);
    else if (!primitive.has(v)) primitive.set(v, i);
  });
  return (value) => {
    if (value === null || typeof value !== 'object') return primitive.get(value) ?? -1;
    for (const i of objects) if (isDeepStrictEqual(values[i], value)) return i;
    return -1;
  };
}

/** A categorical decision: an Aitchison–Aitken kernel whose bandwidth `(k−1)/(n+k)` is Laplace smoothing. */
function categoricalAxis(label: string, values: readonly unknown[]): Axis {
  const indexOf = indexer(values);
  const k = values.length;
  return {
    label,
    fit(observed) {
      const n = observed.length;
      const counts = new Array<number>(k).fill(0);
      for (const v of observed) {
        const i = indexOf(v);
        if (i >= 0) counts[i]!++;
      }
      const lambda = k === 1 ? 0 : Math.max(MIN_BANDWIDTH, (k - 1) / (n + k));
      return {
        logDensity(value) {
          if (n === 0 || k === 1) return -Math.log(k);
          const c = counts[indexOf(value)] ?? 0;
          return Math.log(((1 - lambda) * c + (lambda / (k - 1)) * (n - c)) / n);
        },
        near(value, rng) {
          return rng.next() < lambda ? values[rng.int(k)] : value;
        },
      };
    },
  };
}

/** A subset decision: one binary kernel per candidate value (is it in the subset?), then repaired to the count. */
function subsetAxis(label: string, values: readonly unknown[], count: number | undefined): Axis {
  const indexOf = indexer(values);
  const m = values.length;
  const bits = (value: unknown): boolean[] => {
    const out = new Array<boolean>(m).fill(false);
    for (const item of value as readonly unknown[]) {
      const i = indexOf(item);
      if (i >= 0) out[i] = true;
    }
    return out;
  };
  return {
    label,
    fit(observed) {
      const n = observed.length;
      const included = new Array<number>(m).fill(0);
      for (const v of observed) bits(v).forEach((b, i) => (included[i]! += b ? 1 : 0));
      const lambda = Math.max(MIN_BANDWIDTH, 1 / (n + 2));
      return {
        logDensity(value) {
          if (n === 0) return -m * Math.LN2;
          let log = 0;
          bits(value).forEach((b, i) => {
            const c = b ? included[i]! : n - included[i]!;
            log += Math.log(((1 - lambda) * c + lambda * (n - c)) / n);
          });
          return log;
        },
        near(value, rng) {
          const next = bits(value).map((b) => (rng.next() < lambda ? rng.next() < 0.5 : b));
          if (count !== undefined) {
            let chosen = next.filter(Boolean).length;
            while (chosen > count) {
              const on = next.flatMap((b, i) => (b ? [i] : []));
              next[on[rng.int(on.length)]!] = false;
              chosen--;
            }
            while (chosen < count) {
              const off = next.flatMap((b, i) => (b ? [] : [i]));
              next[off[rng.int(off.length)]!] = true;
              chosen++;
            }
          }
          return values.filter((_, i) => next[i]);
        },
      };
    },
  };
}

/** A continuous view of a numeric decision: values map to `t` in `[lo, hi]` and back. */
interface Codec {
  readonly lo: number;
  readonly hi: number;
  encode(x: number): number;
  decode(t: number): number;
  /** The log-density of the decision's own distribution at `t`. */
  logPrior(t: number): number;
}

/** An integer range `[low, high)` as the unit interval, one equal slice per integer. */
function integerCodec(low: number, high: number): Codec {
  const width = high - low;
  return {
    lo: 0,
    hi: 1,
    encode: (x) => (x - low + 0.5) / width,
    decode: (t) => Math.min(high - 1, Math.max(low, Math.floor(low + t * width))),
    logPrior: () => 0,
  };
}

/**
 * A numerical range: uniform (or log-uniform) ranges as the unit interval, normal (or log-normal)
 * distributions in standard deviations from the mean. Decoding rounds to the step and clips to the
 * bounds, as the decision's own draws do.
 */
function numericalCodec(domain: Extract<Domain, { kind: 'numerical' }>): Codec {
  const { low, high, log, quantize, mu, sigma } = domain;
  const qclip = (x: number): number => {
    let v = quantize === undefined ? x : Math.round(x / quantize) * quantize;
    if (v < low) v = low;
    if (v > high) v = high;
    return v === 0 ? 0 : v;
  };
  const g = (x: number): number => (log ? Math.log(Math.max(x, Number.MIN_VALUE)) : x);
  const gInverse = (y: number): number => (log ? Math.exp(y) : y);
  if (mu === undefined || sigma === undefined) {
    const a = g(low);
    const span = g(high) - a;
    return { lo: 0, hi: 1, encode: (x) => (g(x) - a) / span, decode: (t) => qclip(gInverse(a + t * span)), logPrior: () => 0 };
  }
  const lower = log && !(low > 0) ? -Infinity : (g(low) - mu) / sigma;
  const upper = (g(high) - mu) / sigma;
  let lo = Math.max(lower, -NORMAL_SPAN);
  let hi = Math.min(upper, NORMAL_SPAN);
  if (!(lo < hi)) {
    lo = Number.isFinite(lower) ? lower : upper - 1;
    hi = Number.isFinite(upper) ? upper : lower + 1;
  }
  return {
    lo,
    hi,
    encode: (x) => (g(x) - mu) / sigma,
    decode: (t) => qclip(gInverse(mu + t * sigma)),
    logPrior: (t) => -0.5 * t * t - LOG_SQRT_2PI,
  };
}

/** A numeric decision: Gaussian kernels on the codec's scale, with the normal-reference bandwidth. */
function continuousAxis(label: string, codec: Codec): Axis {
  const clamp = (t: number): number => Math.min(codec.hi, Math.max(codec.lo, t));
  const position = (value: unknown): number => clamp(codec.encode(value as number));
  return {
    label,
    fit(observed, dimensions, bandwidthFactor) {
      const points = observed.map(position);
      const n = points.length;
      let bandwidth = MIN_BANDWIDTH;
      if (n >= 2) {
        const mean = points.reduce((a, b) => a + b, 0) / n;
        const std = Math.sqrt(points.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
        bandwidth = Math.max(MIN_BANDWIDTH, 1.06 * std * n ** (-1 / (4 + dimensions)));
      }
      const logNorm = -Math.log(n) - Math.log(bandwidth) - LOG_SQRT_2PI;
      return {
        logDensity(value) {
          const t = position(value);
          if (n === 0) return codec.logPrior(t);
          let max = -Infinity;
          const exponents = points.map((p) => {
            const e = -0.5 * ((t - p) / bandwidth) ** 2;
            if (e > max) max = e;
            return e;
          });
          let sum = 0;
          for (const e of exponents) sum += Math.exp(e - max);
          return max + Math.log(sum) + logNorm;
        },
        near(value, rng) {
          const centre = position(value);
          const width = bandwidth * bandwidthFactor;
          let t = centre + width * rng.normal();
          for (let i = 0; i < TRUNCATION_RETRIES && (t < codec.lo || t > codec.hi); i++) t = centre + width * rng.normal();
          return codec.decode(clamp(t));
        },
      };
    },
  };
}

function axisOf(label: string, domain: Domain): Axis {
  switch (domain.kind) {
    case 'categorical':
      return categoricalAxis(label, domain.values);
    case 'subset':
      return subsetAxis(label, domain.values, domain.count);
    case 'integer':
      return continuousAxis(label, integerCodec(domain.low, domain.high));
    case 'numerical':
      return continuousAxis(label, numericalCodec(domain));
  }
}

/** The good and bad densities of every decision, fitted on one budget's outcomes. */
interface Model {
  /** Good configurations: candidates are drawn around them. */
  readonly good: readonly Sample[];
  readonly l: ReadonlyMap<string, AxisDensity>;
  readonly g: ReadonlyMap<string, AxisDensity>;
  /** Each decision's values among the good configurations in which it was active. */
  readonly goodValues: ReadonlyMap<string, readonly unknown[]>;
}

interface Settings {
  readonly randomFraction: number;
  readonly numSamples: number;
  readonly topNPercent: number;
  readonly minPointsInModel: number | undefined;
  readonly bandwidthFactor: number;
}

/** A BOHB search in progress: Hyperband's schedule, new configurations from the model. */
class BOHBSession extends HyperbandSession {
  readonly #axes: readonly Axis[];
  readonly #settings: Settings;
  /** Outcomes told so far (restored ones included): the model changes only when this does. */
  #told = 0;
  /** The last model fitted, and `#told` when it was. */
  #fitted: { readonly told: number; readonly model: Model | undefined } | undefined;

  constructor(context: StrategyContext, brackets: readonly HyperbandBracket[], iterations: number | undefined, settings: Settings) {
    super(context, brackets, iterations);
    this.#settings = settings;
    this.#axes = Object.values(context.space.simplify()).map((decision) => axisOf(decision.label, decision.domain));
  }

  /** A random configuration with probability `randomFraction` or while no budget can be modelled; else the model's best candidate. */
  protected override newSample(_budget: number): Sample | undefined {
    if (this.context.rng.next() < this.#settings.randomFraction) return this.randomSample();
    const model = this.#fit();
    return (model && this.#fromModel(model)) ?? this.randomSample();
  }

  /** Counts the outcome, so that the next model is fitted afresh. */
  protected override observe(proposal: Proposal, outcome: Outcome): void {
    super.observe(proposal, outcome);
    this.#told++;
  }

  /** {@link BOHBSession.#fitModel}, refitted only when an outcome was told since the last fit. */
  #fit(): Model | undefined {
    if (this.#fitted?.told !== this.#told) this.#fitted = { told: this.#told, model: this.#fitModel() };
    return this.#fitted.model;
  }

  /** The model of the largest budget with at least `minPoints + 2` outcomes, if any. */
  #fitModel(): Model | undefined {
    const minPoints = this.#settings.minPointsInModel ?? this.#axes.length + 1;
    // Failed and stopped trials are outcomes too: the worst ones.
    const byBudget = new Map<number, { id: number; score: number; sample: Sample }[]>();
    for (const { proposal, outcome } of this.trials) {
      if (outcome === undefined || proposal.budget === undefined) continue;
      const score = outcome.status === 'succeeded' ? this.score(outcome.value) : -Infinity;
      let list = byBudget.get(proposal.budget);
      if (list === undefined) byBudget.set(proposal.budget, (list = []));
      list.push({ id: proposal.id, score: Number.isNaN(score) ? -Infinity : score, sample: proposal.sample });
    }
    const budget = [...byBudget.keys()].filter((b) => byBudget.get(b)!.length >= minPoints + 2).sort((a, b) => b - a)[0];
    if (budget === undefined) return undefined;
    const ranked = byBudget.get(budget)!.sort((a, b) => (a.score === b.score ? a.id - b.id : a.score > b.score ? -1 : 1));
    const n = ranked.length;
    const nGood = Math.max(minPoints, Math.floor((this.#settings.topNPercent * n) / 100));
    const nBad = Math.max(minPoints, n - nGood);
    const good = ranked.slice(0, nGood).map((r) => r.sample);
    const bad = ranked.slice(n - nBad).map((r) => r.sample);
    const l = new Map<string, AxisDensity>();
    const g = new Map<string, AxisDensity>();
    const goodValues = new Map<string, readonly unknown[]>();
    const dims = this.#axes.length;
    const factor = this.#settings.bandwidthFactor;
    for (const axis of this.#axes) {
      const valuesIn = (set: readonly Sample[]) => set.filter((s) => Object.hasOwn(s, axis.label)).map((s) => s[axis.label]);
      const mine = valuesIn(good);
      goodValues.set(axis.label, mine);
      l.set(axis.label, axis.fit(mine, dims, factor));
      g.set(axis.label, axis.fit(valuesIn(bad), dims, factor));
    }
    return { good, l, g, goodValues };
  }

  /** The unseen candidate with the largest `l(x) / g(x)` among `numSamples` drawn near good ones. */
  #fromModel(model: Model): Sample | undefined {
    const { space, rng } = this.context;
    let best: Sample | undefined;
    let bestRatio = -Infinity;
    for (let c = 0; c < this.#settings.numSamples; c++) {
      const centre = model.good[rng.int(model.good.length)]!;
      const memo: Sample = {};
      for (const axis of this.#axes) {
        const density = model.l.get(axis.label)!;
        if (Object.hasOwn(centre, axis.label)) memo[axis.label] = density.near(centre[axis.label], rng);
        else {
          // Not active in the centre: start from another good configuration in which it was.
          const values = model.goodValues.get(axis.label)!;
          if (values.length > 0) memo[axis.label] = density.near(values[rng.int(values.length)], rng);
        }
      }
      let candidate: Sample;
      try {
        candidate = space.random(rng, memo);
      } catch (error) {
        // The memo breaks a constraint (or a value the model made is refused): skip this candidate.
        if (error instanceof ConstraintViolation || error instanceof SampleValidationError) continue;
        throw error;
      }
      if (this.seen(candidate)) continue;
      let ratio = 0;
      for (const label of Object.keys(candidate)) {
        const l = model.l.get(label);
        const g = model.g.get(label);
        if (l !== undefined && g !== undefined) ratio += l.logDensity(candidate[label]) - g.logDensity(candidate[label]);
      }
      if (best === undefined || ratio > bestRatio) {
        best = candidate;
        bestRatio = ratio;
      }
    }
    return best;
  }
}

/**
 * BOHB: Bayesian optimisation (a TPE-like kernel density model) inside Hyperband. Works on any
 * space — categorical, subset, integer and numerical (log, quantised, normal) decisions, and
 * conditional spaces.
 *
 * @example
 * ```ts
 * const result = await search(space, (sample, trial) => train(sample, { epochs: trial.budget! }),
 *   new BOHB({ minBudget: 1, maxBudget: 27, iterations: 16 }), { maxTrials: 2000, concurrency: 4 });
 * ```
 */
export class BOHB implements Strategy {
  readonly name = 'BOHB';
  /** The settings, defaults filled in. */
  readonly options: Readonly<Required<Omit<BOHBOptions, 'iterations' | 'minPointsInModel'>>> & {
    readonly iterations: number | undefined;
    readonly minPointsInModel: number | undefined;
  };
  /** The brackets a session cycles through, most aggressive first. */
  readonly brackets: readonly HyperbandBracket[];

  constructor(options: BOHBOptions) {
    checkOptionNames('BOHB', options, ['minBudget', 'maxBudget', 'eta', 'iterations', 'randomFraction', 'numSamples', 'topNPercent', 'minPointsInModel', 'bandwidthFactor']);
    const eta = options.eta ?? 3;
    const randomFraction = options.randomFraction ?? 1 / 3;
    const numSamples = options.numSamples ?? 64;
    const topNPercent = options.topNPercent ?? 15;
    const bandwidthFactor = options.bandwidthFactor ?? 3;
    const { minBudget, maxBudget, iterations, minPointsInModel } = options;
    if (iterations !== undefined && !(Number.isInteger(iterations) && iterations >= 1)) throw new RangeError(`iterations must be an integer ≥ 1, got ${iterations}`);
    if (!(randomFraction >= 0 && randomFraction <= 1)) throw new RangeError(`randomFraction must be in [0, 1], got ${randomFraction}`);
    if (!(Number.isInteger(numSamples) && numSamples >= 1)) throw new RangeError(`numSamples must be an integer ≥ 1, got ${numSamples}`);
    if (!(topNPercent > 0 && topNPercent < 100)) throw new RangeError(`topNPercent must be in (0, 100), got ${topNPercent}`);
    if (minPointsInModel !== undefined && !(Number.isInteger(minPointsInModel) && minPointsInModel >= 1)) {
      throw new RangeError(`minPointsInModel must be an integer ≥ 1, got ${minPointsInModel}`);
    }
    if (!(Number.isFinite(bandwidthFactor) && bandwidthFactor > 0)) throw new RangeError(`bandwidthFactor must be a finite number > 0, got ${bandwidthFactor}`);
    this.brackets = hyperbandBrackets(minBudget, maxBudget, eta);
    this.options = { minBudget, maxBudget, eta, iterations, randomFraction, numSamples, topNPercent, minPointsInModel, bandwidthFactor };
  }

  /** Starts a search: brackets from the most aggressive, new configurations from the model. */
  start(context: StrategyContext): StrategySession {
    return new BOHBSession(context, this.brackets, this.options.iterations, this.options);
  }
}
