/**
 * A number drawn from a continuous distribution — uniform, log-uniform, normal or log-normal —
 * optionally quantised to multiples of `quantize` and clipped to `[low, high]`.
 */
import { SearchSpaceError } from '@archspace/ir';
import type { Domain } from './decision.js';
import type { LabelLike } from './label.js';
import { normalQuantile } from './normal-quantile.js';
import { pyRound } from './python-ops.js';
import { pyRepr } from './repr.js';
import type { Rng } from './rng.js';
import { SymbolicDecision } from './symbolic-decision.js';

/** Options of {@link Numerical}. Give `low`/`high` for a uniform range, `mu`/`sigma` for a normal. */
export interface NumericalOptions {
  /** Lower bound (inclusive); `-Infinity` by default. */
  readonly low?: number;
  /** Upper bound (inclusive); `Infinity` by default. */
  readonly high?: number;
  /** Mean of the normal (of the logarithm when `log`). */
  readonly mu?: number;
  /** Standard deviation of the normal (of the logarithm when `log`); must be > 0. */
  readonly sigma?: number;
  /** Log-uniform between `low` and `high`, or log-normal with `mu`/`sigma`. */
  readonly log?: boolean;
  /** Round values to multiples of this step (before clipping to the bounds). */
  readonly quantize?: number;
  /** The sample key; automatic when omitted. */
  readonly label?: LabelLike;
  /** The value of `default()`; the quantised, clipped median when omitted. */
  readonly default?: number;
}

/** The four distribution families. */
export type NumericalDistribution = 'uniform' | 'loguniform' | 'normal' | 'lognormal';

const TOLERANCE = 1e-6;

/**
 * The finest grid a numerical walks: granularity `g` visits the `2^g − 1` quantiles `i / 2^g`, so
 * `g` is at most 20 (1,048,575 quantiles).
 */
export const MAX_NUMERICAL_GRANULARITY = 20;

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && !Number.isNaN(value);
}

/**
 * `x` rounded to a multiple of `q` (half to even). When `x / q` overflows, `q` is below the spacing
 * of doubles near `x` (every double there is a multiple of it), so `x` stays as it is; when the
 * nearest multiple lies past the largest double, the one on the other side of `x` is taken.
 */
function roundToStep(x: number, q: number): number {
  const steps = x / q;
  if (!Number.isFinite(steps)) return x;
  const k = pyRound(steps);
  const rounded = k * q;
  return Number.isFinite(rounded) ? rounded : (k - Math.sign(k)) * q;
}

/** `low + p · (high − low)`, without overflow when the width of the range exceeds the largest double. */
function between(low: number, high: number, p: number): number {
  const width = high - low;
  return Number.isFinite(width) ? low + p * width : low * (1 - p) + high * p;
}

/**
 * A continuous (or quantised) numeric decision. Sampling follows the reference: draw from the
 * distribution, round to the step, then clip to the bounds.
 *
 * @example
 * ```ts
 * const lr = new Numerical({ low: 1e-5, high: 1e-1, log: true, label: 'lr' });
 * const units = new Numerical({ low: 32, high: 512, quantize: 32, label: 'units' });
 * units.default(); // { units: 288 }
 * ```
 */
export class Numerical extends SymbolicDecision<number> {
  readonly low: number;
  readonly high: number;
  readonly mu: number | undefined;
  readonly sigma: number | undefined;
  readonly log: boolean;
  readonly quantize: number | undefined;
  /** The distribution family. */
  readonly distribution: NumericalDistribution;
  readonly #default: number | undefined;
  #domain: Domain | undefined;
  #valueCount: number | undefined;

  constructor(options: NumericalOptions) {
    super(options.label);
    const fail = (field: string, expected: string, received: unknown): never => {
      throw new SearchSpaceError({ code: 'invalid-numerical', path: [this.label, field], expected, received });
    };
    const low = options.low ?? -Infinity;
    const high = options.high ?? Infinity;
    if (!isNumber(low)) fail('low', 'a number', options.low);
    if (!isNumber(high)) fail('high', 'a number', options.high);
    const normal = options.mu !== undefined || options.sigma !== undefined;
    if (normal) {
      if (!isNumber(options.mu) || !Number.isFinite(options.mu)) fail('mu', 'a finite number', options.mu);
      if (!isNumber(options.sigma) || !(options.sigma! > 0) || !Number.isFinite(options.sigma)) {
        fail('sigma', 'a finite number > 0', options.sigma);
      }
    } else {
      if (!Number.isFinite(low)) fail('low', 'a finite lower bound (or give mu and sigma for a normal)', options.low);
      if (!Number.isFinite(high)) fail('high', 'a finite upper bound (or give mu and sigma for a normal)', options.high);
      if (options.log && !(low > 0)) fail('low', 'a lower bound > 0 for a log-uniform distribution', low);
    }
    if (options.log && !(high > 0)) fail('high', 'an upper bound > 0 for a logarithmic distribution', high);
    if (!(low < high)) fail('high', `an upper bound greater than low (${low})`, high);
    if (options.quantize !== undefined && (!isNumber(options.quantize) || !(options.quantize > 0) || !Number.isFinite(options.quantize))) {
      fail('quantize', 'a finite step > 0', options.quantize);
    }
    this.low = low;
    this.high = high;
    this.mu = normal ? options.mu : undefined;
    this.sigma = normal ? options.sigma : undefined;
    this.log = options.log === true;
    this.quantize = options.quantize;
    this.distribution = normal ? (this.log ? 'lognormal' : 'normal') : this.log ? 'loguniform' : 'uniform';
    if (options.default !== undefined) {
      const problem = this.problemWith(options.default);
      if (problem !== undefined) fail('default', problem, options.default);
    }
    this.#default = options.default;
  }

  /**
   * Rounds to the step (half to even), then clips to the bounds, as every draw does. A negative zero
   * (an underflow rounded toward zero) becomes 0, so that samples survive a JSON round trip unchanged.
   * A draw past the range of doubles (a huge `sigma`, a log-normal's `exp` overflowing) becomes the
   * largest finite double, and a logarithmic draw that underflows to 0 the smallest positive one
   * (a quantised log-normal keeps its 0): every draw is a member of the space.
   */
  qclip(x: number): number {
    let value = Number.isFinite(x) ? x : Math.sign(x) * Number.MAX_VALUE;
    const q = this.quantize;
    if (q !== undefined) value = roundToStep(value, q);
    if (value < this.low) value = this.low;
    if (value > this.high) value = this.high;
    if (value === 0 && this.log && !this.acceptsZero) value = Number.MIN_VALUE;
    return value === 0 ? 0 : value;
  }

  /** A quantised log-normal may round to 0, which archspace accepts as a member. */
  private get acceptsZero(): boolean {
    return this.distribution === 'lognormal' && this.quantize !== undefined;
  }

  /** The `p`-quantile of the distribution, before rounding and clipping. */
  quantile(p: number): number {
    switch (this.distribution) {
      case 'uniform':
        return between(this.low, this.high, p);
      case 'loguniform':
        return Math.exp(Math.log(this.low) + p * (Math.log(this.high) - Math.log(this.low)));
      case 'normal':
        return this.mu! + this.sigma! * normalQuantile(p);
      case 'lognormal':
        return Math.exp(this.mu! + this.sigma! * normalQuantile(p));
    }
  }

  /** @inheritdoc */
  get domain(): Domain {
    this.#domain ??= {
      kind: 'numerical',
      low: this.low,
      high: this.high,
      log: this.log,
      ...(this.mu !== undefined ? { mu: this.mu, sigma: this.sigma! } : {}),
      ...(this.quantize !== undefined ? { quantize: this.quantize } : {}),
    };
    return this.#domain;
  }

  /**
   * @inheritdoc Finite only for a quantised range with finite bounds: the multiples of the step
   * inside the range, plus the bounds. Exact up to 2^53 values; past that the nearest double, and
   * `Infinity` when the count passes the largest double (`[0, 1e300]` in steps of `1e-300`).
   */
  get valueCount(): number {
    this.#valueCount ??= this.countValues();
    return this.#valueCount;
  }

  private countValues(): number {
    const q = this.quantize;
    if (q === undefined || !Number.isFinite(this.low) || !Number.isFinite(this.high)) return Infinity;
    const lowSteps = this.low / q;
    const highSteps = this.high / q;
    if (!Number.isFinite(lowSteps) || !Number.isFinite(highSteps)) return Infinity;
    const first = pyRound(lowSteps);
    const last = pyRound(highSteps);
    let count = 0;
    if (first * q <= this.low) count++;
    if (last * q >= this.high) count++;
    // The multiples strictly inside the bounds; a quotient may have rounded or underflowed, so the
    // first and last are confirmed by multiplying back.
    let above = Math.floor(lowSteps) + 1;
    if ((above - 1) * q > this.low) above -= 1;
    if (above * q <= this.low) above += 1;
    let below = Math.ceil(highSteps) - 1;
    if ((below + 1) * q < this.high) below += 1;
    if (below * q >= this.high) below -= 1;
    const innerFirst = Math.max(first, above);
    const innerLast = Math.min(last, below);
    if (innerLast >= innerFirst) count += innerLast - innerFirst + 1;
    return count;
  }

  /**
   * @inheritdoc A quantised log-normal may round to 0 (the reference's sampler does so); archspace
   * accepts that 0 as a member instead of failing on it.
   */
  problemWith(value: unknown): string | undefined {
    if (typeof value !== 'number' || !Number.isFinite(value)) return `a finite number (${this.describe()})`;
    if (value < this.low || value > this.high) return `a number in [${this.low}, ${this.high}]`;
    if (this.log && value <= 0 && !(value === 0 && this.acceptsZero)) {
      return 'a number > 0 (the distribution is logarithmic)';
    }
    const q = this.quantize;
    if (q !== undefined) {
      const onBound = Math.abs(value - this.low) < TOLERANCE || Math.abs(value - this.high) < TOLERANCE;
      const onStep = Math.abs(value - roundToStep(value, q)) < TOLERANCE || this.qclip(value) === value;
      if (!onBound && !onStep) {
        return `a multiple of ${q} or a bound (${this.low}, ${this.high})`;
      }
    }
    return undefined;
  }

  /** @inheritdoc */
  drawValue(rng: Rng): number {
    let x: number;
    switch (this.distribution) {
      case 'uniform':
        x = Number.isFinite(this.high - this.low) ? rng.uniform(this.low, this.high) : between(this.low, this.high, rng.next());
        break;
      case 'loguniform':
        x = Math.exp(rng.uniform(Math.log(this.low), Math.log(this.high)));
        break;
      case 'normal':
        x = this.mu! + this.sigma! * rng.normal();
        break;
      case 'lognormal':
        x = Math.exp(this.mu! + this.sigma! * rng.normal());
        break;
    }
    return this.qclip(x);
  }

  /** @inheritdoc */
  defaultValue(): number {
    return this.#default ?? this.qclip(this.quantile(0.5));
  }

  /**
   * @inheritdoc The quantiles `i / 2^g`, rounded and clipped; consecutive repeats dropped. A
   * granularity above {@link MAX_NUMERICAL_GRANULARITY} throws a `SearchSpaceError` (`grid-too-fine`).
   */
  gridValues(granularity: number): readonly number[] {
    if (granularity > MAX_NUMERICAL_GRANULARITY) {
      throw new SearchSpaceError({
        code: 'grid-too-fine',
        path: [this.label],
        expected: `a grid granularity of at most ${MAX_NUMERICAL_GRANULARITY} (2^${MAX_NUMERICAL_GRANULARITY} − 1 quantiles per numerical)`,
        received: granularity,
      });
    }
    const steps = 2 ** granularity;
    const out: number[] = [];
    for (let i = 1; i < steps; i++) {
      const value = this.qclip(this.quantile(i / steps));
      if (out.length === 0 || out[out.length - 1] !== value) out.push(value);
    }
    return out;
  }

  /** @inheritdoc */
  equals(other: unknown): boolean {
    return (
      other instanceof Numerical &&
      other.label === this.label &&
      other.low === this.low &&
      other.high === this.high &&
      other.mu === this.mu &&
      other.sigma === this.sigma &&
      other.log === this.log &&
      other.quantize === this.quantize &&
      other.#default === this.#default
    );
  }

  /** @inheritdoc */
  describe(): string {
    const parts = [pyRepr(this.low), pyRepr(this.high)];
    if (this.mu !== undefined) parts.push(`mu=${pyRepr(this.mu)}`, `sigma=${pyRepr(this.sigma)}`);
    if (this.quantize !== undefined) parts.push(`q=${pyRepr(this.quantize)}`);
    if (this.log) parts.push('log_distributed=True');
    parts.push(`label=${pyRepr(this.label)}`);
    return `Numerical(${parts.join(', ')})`;
  }
}
