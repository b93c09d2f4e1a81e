/**
 * One decision as TPE sees it: how its values are encoded as numbers, and how candidates for its
 * next value are drawn from the "good" estimator `l` and ranked by `log l(x) − log g(x)`, where `g`
 * is the estimator of the other trials. Which model a decision gets follows its domain:
 *
 * - categorical (and a subset with a small number of possible subsets): weighted counts;
 * - an integer range, or a bounded quantised number, with few values: a Parzen estimator over the
 *   ordered values, integrated over each value's rounding bucket (neighbouring values share evidence);
 * - any other number: a Parzen estimator over the (log-)range; quantised values are scored by the
 *   mass of their rounding bucket.
 *
 * Internal to the strategies package.
 */
import { type Decision, type Rng, Numerical } from '@archspace/mutables';
import { sampleKey } from './sample-key.js';
import {
  bucketMasses,
  buildParzen,
  categoricalPosterior,
  increasingOrder,
  logDensitiesOfIncreasing,
  mass,
  type Mixture,
  type Prior,
  sampleMixture,
  type Scratch,
} from './tpe-parzen.js';

/** A candidate value of one decision and its score `log l − log g` (higher is more promising). */
export interface Candidate {
  /** A value the decision allows. */
  readonly value: unknown;
  /** `log l(value) − log g(value)`. */
  readonly score: number;
}

/** The encoded values of one decision in one group of trials, in increasing order, with their weights. */
export interface Observations {
  /** Encoded values (see {@link Dimension.encode}), increasing. */
  readonly x: ArrayLike<number>;
  /** The weight of each value (linear forgetting). */
  readonly w: ArrayLike<number>;
}

/** The settings a dimension needs to make candidates. */
export interface CandidateSettings {
  /** How many candidates to draw from `l`. */
  readonly candidates: number;
  /** The prior's weight against the observations. */
  readonly priorWeight: number;
  /** Memory for this proposal's arrays. */
  readonly scratch: Scratch;
}

/** Up to this many candidates are ordered by insertion, without the comparator calls of `Array.prototype.sort`. */
const INSERTION_LIMIT = 64;

/** Subsets are modelled as categorical only up to this many possible subsets. */
const SUBSET_LIMIT = 1024;

/** A decision's model. `encode` gives NaN for values the model does not use. */
export abstract class Dimension {
  /** @param decision The decision modelled. */
  constructor(readonly decision: Decision) {}

  /** The decision's label. */
  get label(): string {
    return this.decision.label;
  }

  /** The number the model uses for `value` (NaN when not modelled). */
  abstract encode(value: unknown): number;

  /** Distinct candidates, best first. */
  abstract candidates(good: Observations, bad: Observations, rng: Rng, settings: CandidateSettings): Candidate[];
}

/** A decision TPE does not model (a subset with too many possible subsets): random values. */
class RandomDimension extends Dimension {
  encode(): number {
    return Number.NaN;
  }

  candidates(_good: Observations, _bad: Observations, rng: Rng): Candidate[] {
    return [{ value: this.decision.drawValue(rng), score: 0 }];
  }
}

/** Draws `count` indices from `pmfL`, keeps the distinct ones and ranks them by `log pmfL − log pmfG`. */
function rankDiscrete(values: readonly unknown[], pmfL: Float64Array, pmfG: Float64Array, rng: Rng, count: number, scratch: Scratch): Candidate[] {
  const size = pmfL.length;
  const cumulative = scratch.take(size);
  let running = 0;
  for (let k = 0; k < size; k++) cumulative[k] = running += pmfL[k]!;
  const seen = scratch.take(size, true);
  const out: Candidate[] = [];
  for (let c = 0; c < count; c++) {
    const u = rng.next() * running;
    let low = 0;
    let high = size - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (cumulative[mid]! > u) high = mid;
      else low = mid + 1;
    }
    if (seen[low] === 0) {
      seen[low] = 1;
      out.push({ value: values[low], score: Math.log(pmfL[low]!) - Math.log(pmfG[low]!) });
    }
  }
  return sortByScore(out);
}

/** The sort key of a score: NaN ranks last. */
function rankKey(score: number): number {
  return Number.isNaN(score) ? -Infinity : score;
}

/** Sorts `candidates` best first in place, keeping the draw order among equal scores (NaN last). */
function sortByScore(candidates: Candidate[]): Candidate[] {
  if (candidates.length > INSERTION_LIMIT) {
    // Array.prototype.sort is stable, so equal scores keep the order they were drawn in.
    return candidates.sort((a, b) => {
      const ka = rankKey(a.score);
      const kb = rankKey(b.score);
      return ka === kb ? 0 : ka > kb ? -1 : 1;
    });
  }
  for (let i = 1; i < candidates.length; i++) {
    const candidate = candidates[i]!;
    const key = rankKey(candidate.score);
    let at = i;
    // Strictly better moves up: an equal score stays after the earlier draw.
    while (at > 0 && rankKey(candidates[at - 1]!.score) < key) {
      candidates[at] = candidates[at - 1]!;
      at--;
    }
    candidates[at] = candidate;
  }
  return candidates;
}

/** Categorical values (or the possible subsets of a small subset decision) modelled by weighted counts. */
class CategoricalDimension extends Dimension {
  readonly #primitive = new Map<unknown, number>();
  readonly #objects = new Map<string, number>();

  constructor(
    decision: Decision,
    readonly values: readonly unknown[],
    readonly prior: readonly number[] | undefined,
  ) {
    super(decision);
    values.forEach((value, i) => {
      if (value !== null && typeof value === 'object') {
        const key = sampleKey({ v: value });
        if (!this.#objects.has(key)) this.#objects.set(key, i);
      } else if (!this.#primitive.has(value)) this.#primitive.set(value, i);
    });
  }

  encode(value: unknown): number {
    const i = value !== null && typeof value === 'object' ? this.#objects.get(sampleKey({ v: value })) : this.#primitive.get(value);
    return i ?? Number.NaN;
  }

  candidates(good: Observations, bad: Observations, rng: Rng, settings: CandidateSettings): Candidate[] {
    const size = this.values.length;
    const pmfL = categoricalPosterior(size, good.x, good.w, this.prior, settings.priorWeight);
    const pmfG = categoricalPosterior(size, bad.x, bad.w, this.prior, settings.priorWeight);
    return rankDiscrete(this.values, pmfL, pmfG, rng, settings.candidates, settings.scratch);
  }
}

/** Rounds half to even, as the reference's quantisation does. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x - Math.trunc(x)) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** What a numeric model needs to know about its decision, in the space it models (log or linear). */
interface NumericSpec {
  /** The range of the modelled variable (the logarithm of the value for log distributions). */
  readonly lo: number;
  readonly hi: number;
  readonly prior: Prior;
  /** Rounds to the step and clips to the bounds, as draws of the decision do. */
  readonly qclip: (value: number) => number;
  /** The modelled variable of a value. */
  readonly encode: (value: number) => number;
  /** The value a modelled variable gives (rounded and clipped as draws are). */
  readonly toValue: (x: number) => number;
  /** The interval of the modelled variable that rounds to `value`, for quantised decisions. */
  readonly bucket?: (value: number) => readonly [number, number];
}

/** A few ordered values modelled by a Parzen estimator integrated over each value's bucket. */
class OrdinalDimension extends Dimension {
  constructor(
    decision: Decision,
    readonly spec: NumericSpec,
    readonly values: readonly number[],
    /** `values.length + 1` increasing bucket edges in the modelled variable. */
    readonly edges: Float64Array,
  ) {
    super(decision);
  }

  encode(value: unknown): number {
    return typeof value === 'number' ? this.spec.encode(value) : Number.NaN;
  }

  #pmf(obs: Observations, settings: CandidateSettings): Float64Array {
    const { lo, hi, prior } = this.spec;
    const { scratch, priorWeight } = settings;
    const masses = bucketMasses(scratch, buildParzen(scratch, obs.x, obs.w, prior, priorWeight, lo, hi), this.edges);
    let total = 0;
    for (let k = 0; k < masses.length; k++) total += masses[k]!;
    if (!(total > 0)) return masses.fill(1 / masses.length);
    for (let k = 0; k < masses.length; k++) masses[k]! /= total;
    return masses;
  }

  candidates(good: Observations, bad: Observations, rng: Rng, settings: CandidateSettings): Candidate[] {
    return rankDiscrete(this.values, this.#pmf(good, settings), this.#pmf(bad, settings), rng, settings.candidates, settings.scratch);
  }
}

/** A number modelled by a Parzen estimator over its (log-)range; candidates are drawn from `l`. */
class ContinuousDimension extends Dimension {
  constructor(
    decision: Decision,
    readonly spec: NumericSpec,
  ) {
    super(decision);
  }

  encode(value: unknown): number {
    return typeof value === 'number' ? this.spec.encode(value) : Number.NaN;
  }

  candidates(good: Observations, bad: Observations, rng: Rng, settings: CandidateSettings): Candidate[] {
    const { lo, hi, prior, toValue, bucket } = this.spec;
    const { scratch, priorWeight } = settings;
    const l = buildParzen(scratch, good.x, good.w, prior, priorWeight, lo, hi);
    const g = buildParzen(scratch, bad.x, bad.w, prior, priorWeight, lo, hi);
    const xs = scratch.take(settings.candidates);
    const values = scratch.take(settings.candidates);
    // Few candidates are told apart by a scan of those kept, many by a set.
    const seen = settings.candidates > INSERTION_LIMIT ? new Set<number>() : undefined;
    let count = 0;
    for (let c = 0; c < settings.candidates; c++) {
      let x = sampleMixture(l, rng);
      let value = toValue(x);
      if (this.decision.problemWith(value) !== undefined) {
        // Cannot happen for archspace's own decisions; stay valid for any other.
        value = this.decision.drawValue(rng) as number;
        x = this.spec.encode(value);
      }
      if (seen === undefined ? keptBefore(values, count, value) : seen.has(value)) continue;
      seen?.add(value);
      xs[count] = x;
      values[count++] = value;
    }
    // Each candidate's score, in draw order (written over `xs` once the points are sorted).
    const scores = xs;
    if (bucket) {
      for (let k = 0; k < count; k++) scores[k] = bucketScore(l, g, bucket(values[k]!));
    } else {
      const order = increasingOrder(xs, count);
      const sorted = scratch.take(count);
      for (let k = 0; k < count; k++) sorted[k] = xs[order[k]!]!;
      const logL = logDensitiesOfIncreasing(scratch, l, sorted);
      const logG = logDensitiesOfIncreasing(scratch, g, sorted);
      for (let k = 0; k < count; k++) scores[order[k]!] = logL[k]! - logG[k]!;
    }
    const out: Candidate[] = [];
    for (let k = 0; k < count; k++) out.push({ value: values[k]!, score: scores[k]! });
    return sortByScore(out);
  }
}

/** Whether `value` is among the first `count` of `values` (as a `Set` compares: NaN equals NaN). */
function keptBefore(values: Float64Array, count: number, value: number): boolean {
  for (let k = 0; k < count; k++) if (values[k] === value || (value !== value && values[k] !== values[k])) return true;
  return false;
}

function bucketScore(l: Mixture, g: Mixture, [a, b]: readonly [number, number]): number {
  return Math.log(mass(l, a, b)) - Math.log(mass(g, a, b));
}

/** A numeric decision's spec: its modelled range, prior, and how values round and clip. */
function numericalSpec(decision: Decision & { domain: { kind: 'numerical' } }): NumericSpec | undefined {
  const d = decision.domain;
  const log = d.log;
  const q = d.quantize;
  const t = (v: number): number => (log ? (v > 0 ? Math.log(v) : -Infinity) : v);
  const lo = t(d.low);
  const hi = t(d.high);
  if (!(lo < hi)) return undefined;
  const prior: Prior = d.mu !== undefined && d.sigma !== undefined ? { mu: d.mu, sigma: d.sigma } : { mu: (lo + hi) / 2, sigma: hi - lo };
  if (!(Number.isFinite(prior.mu) && prior.sigma > 0 && Number.isFinite(prior.sigma))) return undefined;
  const qclip =
    decision instanceof Numerical
      ? (v: number) => decision.qclip(v)
      : (v: number) => Math.min(d.high, Math.max(d.low, q === undefined ? v : roundHalfEven(v / q) * q));
  // A quantised log-normal may round to 0; its bucket lies below log(q / 2).
  const zero = q !== undefined ? Math.log(q / 2) : lo;
  return {
    lo,
    hi,
    prior,
    qclip,
    encode: (v) => {
      const x = t(v);
      return x === -Infinity ? zero : x;
    },
    toValue: (x) => qclip(log ? Math.exp(x) : x),
    ...(q !== undefined
      ? {
          bucket: (v: number): readonly [number, number] => {
            const k = roundHalfEven(v / q);
            const a = v <= d.low ? lo : Math.max(lo, t((k - 0.5) * q));
            const b = v >= d.high ? hi : Math.min(hi, t((k + 0.5) * q));
            return [a, b];
          },
        }
      : {}),
  };
}

/** The model of `decision`; ordered domains with at most `ordinalLimit` values are modelled exactly. */
export function dimensionOf(decision: Decision, ordinalLimit: number): Dimension {
  const domain = decision.domain;
  switch (domain.kind) {
    case 'categorical':
      return new CategoricalDimension(decision, domain.values, domain.weights);
    case 'subset':
      return decision.valueCount <= SUBSET_LIMIT ? new CategoricalDimension(decision, decision.gridValues(1), undefined) : new RandomDimension(decision);
    case 'integer': {
      const { low, high } = domain;
      const count = high - low;
      const clip = (v: number): number => Math.min(high - 1, Math.max(low, Math.round(v)));
      const spec: NumericSpec = {
        lo: low - 0.5,
        hi: high - 0.5,
        prior: { mu: (low + high - 1) / 2, sigma: count },
        qclip: clip,
        encode: (v) => v,
        toValue: clip,
        bucket: (v) => [v - 0.5, v + 0.5],
      };
      if (count > ordinalLimit) return new ContinuousDimension(decision, spec);
      const values = Array.from({ length: count }, (_, i) => low + i);
      const edges = Float64Array.from({ length: count + 1 }, (_, i) => low - 0.5 + i);
      return new OrdinalDimension(decision, spec, values, edges);
    }
    case 'numerical': {
      const spec = numericalSpec(decision as Decision & { domain: { kind: 'numerical' } });
      if (spec === undefined) return new RandomDimension(decision);
      const q = domain.quantize;
      if (q !== undefined && Number.isFinite(domain.low) && Number.isFinite(domain.high)) {
        const first = roundHalfEven(domain.low / q);
        const last = roundHalfEven(domain.high / q);
        const count = last - first + 1;
        if (count <= ordinalLimit) {
          const values = Array.from({ length: count }, (_, i) => spec.qclip((first + i) * q));
          // Inner edges halfway between multiples of q; outer edges at the range's ends.
          const edges = Float64Array.from({ length: count + 1 }, (_, i) => {
            if (i === 0) return spec.lo;
            if (i === count) return spec.hi;
            const edge = (first + i - 0.5) * q;
            return domain.log ? Math.log(edge) : edge;
          });
          if (values.every((v) => decision.problemWith(v) === undefined) && new Set(values).size === count) return new OrdinalDimension(decision, spec, values, edges);
        }
      }
      return new ContinuousDimension(decision, spec);
    }
  }
}
