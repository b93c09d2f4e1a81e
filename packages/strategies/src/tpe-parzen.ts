/**
 * The density estimators of TPE. A numeric decision is modelled by an adaptive Parzen estimator: a
 * mixture of normals truncated to the decision's range, one centred on each observation plus one
 * broad "prior" component, each observation's bandwidth the larger gap to its neighbours (so sparse
 * regions get wide kernels and dense regions narrow ones). A categorical decision is modelled by
 * weighted counts plus prior pseudo-counts. Internal to the strategies package.
 */
import type { Rng } from '@archspace/mutables';

/**
 * Reusable memory for the arrays one proposal needs. Typed arrays of more than a few numbers live
 * outside the JavaScript heap and cost about a microsecond each to allocate; a proposal needs dozens,
 * so they are cut from one buffer instead. Views stay valid until {@link Scratch.reset}.
 */
export class Scratch {
  #memory = new ArrayBuffer(8 << 14);
  /** Numbers handed out since the last reset. */
  #used = 0;

  /** Makes all memory available again; earlier views must no longer be used. */
  reset(): void {
    this.#used = 0;
  }

  /** A view of `n` numbers with arbitrary contents (zeros when `zero`). */
  take(n: number, zero = false): Float64Array {
    const capacity = this.#memory.byteLength / 8;
    if (this.#used + n > capacity) {
      // Views already handed out keep the old memory alive.
      this.#memory = new ArrayBuffer(8 * Math.max(2 * capacity, 2 * n));
      this.#used = 0;
    }
    // A view made by the constructor costs half of one made by `subarray` (no species lookup).
    const view = new Float64Array(this.#memory, 8 * this.#used, n);
    this.#used += n;
    return zero ? view.fill(0) : view;
  }
}

const SQRT1_2 = Math.SQRT1_2;
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
/** Steps per halving of `e^-t` in {@link expNeg}'s table. */
const EXP_STEPS = 64;
const EXP_STEP = Math.LN2 / EXP_STEPS;
const INV_EXP_STEP = EXP_STEPS / Math.LN2;
/** `2^(-j/64)` for j = 0 … 63. */
const POW2_FRACTION = Float64Array.from({ length: EXP_STEPS }, (_, j) => 2 ** (-j / EXP_STEPS));
/** `2^-k` for k = 0 … 1100 (the last ones are 0). */
const POW2_NEG = Float64Array.from({ length: 1101 }, (_, k) => 2 ** -k);

/**
 * `e^-t` for `t ≥ 0` (`Math.exp` below 0), several times faster than `Math.exp` and accurate to
 * 1e-12 relative: with `t = (64q + j)·ln 2 / 64 + r`, `|r| ≤ ln 2 / 128`, it is
 * `2^-q · 2^(-j/64) · e^-r`, the first two factors from tables and `e^-r` a degree-4 Taylor
 * polynomial (short, so that consecutive calls overlap in the processor). The densities are summed
 * over hundreds of components per candidate, so this is TPE's inner loop.
 */
export function expNeg(t: number): number {
  if (!(t < 745)) return t === t ? 0 : Number.NaN;
  if (t < 0) return Math.exp(-t);
  // Not Math.round: V8 compiles it with a branch on the fraction, which the processor mispredicts
  // half the time; floor(y + 0.5) is one instruction.
  const k = Math.floor(t * INV_EXP_STEP + 0.5);
  const r = t - k * EXP_STEP;
  const p = 1 - r * (1 - r * (1 / 2 - r * (1 / 6 - r / 24)));
  return p * POW2_FRACTION[k & (EXP_STEPS - 1)]! * POW2_NEG[k >> 6]!;
}

/**
 * `P(Z > z)` for a standard normal `Z` and `z ≥ 0`, with small relative error far into the tail: the
 * Chebyshev-fitted complementary error function of Press et al., *Numerical Recipes* §6.2
 * (relative error below 1.2e-7 everywhere).
 */
function upperTail(z: number): number {
  const x = z * SQRT1_2;
  const t = 1 / (1 + 0.5 * x);
  const poly =
    -1.26551223 +
    t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  return 0.5 * t * expNeg(x * x - poly);
}

/** Beyond this many standard deviations a normal's tail (below 1e-23) is taken as 0. */
const CUT = 10;
/** A kernel centred this many standard deviations inside both bounds is surely more than CUT inside. */
const INSIDE = CUT + 0.5;
/** Beyond this many standard deviations a component's density (below 2e-8 of its peak) is left out of a sum. */
const DENSITY_CUT = 6;

/** `Φ(b) − Φ(a)` for `a ≤ b`, computed on the side of the tail so that small masses keep their precision. */
export function normalMass(a: number, b: number): number {
  if (a >= CUT || b <= -CUT) return 0;
  if (a >= 0) return upperTail(a) - (b >= CUT ? 0 : upperTail(b));
  if (b <= 0) return upperTail(-b) - (a <= -CUT ? 0 : upperTail(-a));
  return 1 - (a <= -CUT ? 0 : upperTail(-a)) - (b >= CUT ? 0 : upperTail(b));
}

/**
 * A mixture of normals truncated to `[lo, hi]` (either bound may be infinite). `coef[i]` folds the
 * component's weight, its truncation mass and the normal's constant, so a density is one sum of
 * exponentials.
 */
export interface Mixture {
  /** Lower end of the range. */
  readonly lo: number;
  /** Upper end of the range. */
  readonly hi: number;
  /** Component centres, increasing. */
  readonly mu: Float64Array;
  /** Component standard deviations (bandwidths). */
  readonly sigma: Float64Array;
  /** `1 / sigma`. */
  readonly inverse: Float64Array;
  /** Normalised weight of each component divided by its mass inside `[lo, hi]`. */
  readonly massWeight: Float64Array;
  /** `massWeight / (sigma · √(2π))`: the density's coefficient. */
  readonly coef: Float64Array;
  /** Cumulative normalised weights, for drawing a component. */
  readonly cumulative: Float64Array;
}

/** The broad component every estimator includes: the decision's own distribution. */
export interface Prior {
  /** Centre: the middle of a uniform range, or the normal's mean. */
  readonly mu: number;
  /** Spread: the width of a uniform range, or the normal's standard deviation. */
  readonly sigma: number;
}

/**
 * Builds an adaptive Parzen estimator from observations `points` (in increasing order; weights
 * `weights`) and the prior. Bandwidths: the larger distance to the neighbouring points (the prior's
 * centre counts as a point; a finite bound stands in for a missing neighbour), clipped to
 * `[prior.sigma / min(100, n + 1), prior.sigma]`.
 */
export function buildParzen(scratch: Scratch, points: ArrayLike<number>, weights: ArrayLike<number>, prior: Prior, priorWeight: number, lo: number, hi: number): Mixture {
  const n = points.length;
  const size = n + 1;
  // The prior's centre goes after the points equal to it.
  let p = 0;
  let q = n;
  while (p < q) {
    const mid = (p + q) >> 1;
    if (points[mid]! <= prior.mu) p = mid + 1;
    else q = mid;
  }
  const mu = scratch.take(size);
  const weight = scratch.take(size);
  for (let i = 0; i < p; i++) {
    mu[i] = points[i]!;
    weight[i] = weights[i]!;
  }
  mu[p] = prior.mu;
  weight[p] = priorWeight;
  for (let i = p; i < n; i++) {
    mu[i + 1] = points[i]!;
    weight[i + 1] = weights[i]!;
  }
  const sigma = scratch.take(size);
  const minSigma = prior.sigma / Math.min(100, n + 1);
  const loGap = Number.isFinite(lo);
  const hiGap = Number.isFinite(hi);
  let total = 0;
  // One pass works out each kernel's bandwidth and merges repeated values (quantised decisions
  // repeat them often) whose kernels are identical. Merged kernels are written at `merged ≤ r`, so
  // the centres still to come are intact; `previous` keeps the centre before `r` as it was.
  let merged = 0;
  let priorAt = 0;
  let previous = 0;
  for (let r = 0; r < size; r++) {
    const x = mu[r]!;
    const w = weight[r]!;
    total += w;
    let s: number;
    if (r === p) s = prior.sigma;
    else {
      const left = r > 0 ? x - previous : loGap ? x - lo : 0;
      const right = r < size - 1 ? mu[r + 1]! - x : hiGap ? hi - x : 0;
      s = Math.min(prior.sigma, Math.max(minSigma, left, right));
    }
    previous = x;
    if (merged > 0 && x === mu[merged - 1] && s === sigma[merged - 1]) weight[merged - 1]! += w;
    else {
      mu[merged] = x;
      sigma[merged] = s;
      weight[merged++] = w;
    }
    if (r === p) priorAt = merged - 1;
  }
  if (!(total > 0)) {
    // No weight anywhere (a zero prior weight and no observations): fall back to the prior alone.
    weight.fill(0, 0, merged);
    weight[priorAt] = 1;
    total = 1;
  }
  const inverse = scratch.take(merged);
  const massWeight = scratch.take(merged);
  const coef = scratch.take(merged);
  // The weights become their running sums in place: `weight` ends as the cumulative weights.
  const cumulative = weight;
  const perTotal = 1 / total;
  let running = 0;
  for (let r = 0; r < merged; r++) {
    const w = weight[r]! * perTotal;
    running += w;
    cumulative[r] = running;
    const s = sigma[r]!;
    const c = mu[r]!;
    const v = 1 / s;
    inverse[r] = v;
    // A kernel well inside the range keeps all its mass; the margin makes this test agree with the
    // divisions below, which only the kernels near a bound need.
    let z = 1;
    if (!(c - lo >= INSIDE * s && hi - c >= INSIDE * s)) {
      const a = (lo - c) / s;
      const b = (hi - c) / s;
      if (!(a <= -CUT && b >= CUT)) z = normalMass(a, b);
    }
    // A component with no mass inside the range contributes nothing (its centre lies far outside).
    const mw = z === 1 ? w : z > 0 ? w / z : 0;
    massWeight[r] = mw;
    coef[r] = mw * INV_SQRT_2PI * v;
  }
  cumulative[merged - 1] = 1;
  if (merged === size) return { lo, hi, mu, sigma, inverse, massWeight, coef, cumulative };
  return { lo, hi, mu: mu.subarray(0, merged), sigma: sigma.subarray(0, merged), inverse, massWeight, coef, cumulative: cumulative.subarray(0, merged) };
}

/**
 * The natural logarithm of the mixture's density at each of `xs` (−∞ outside the range). Each
 * component is evaluated only at the points within DENSITY_CUT standard deviations of its centre.
 */
export function logDensities(scratch: Scratch, m: Mixture, xs: ArrayLike<number>): Float64Array {
  const count = xs.length;
  const order = increasingOrder(xs);
  const sorted = scratch.take(count);
  for (let k = 0; k < count; k++) sorted[k] = xs[order[k]!]!;
  const logs = logDensitiesOfIncreasing(scratch, m, sorted);
  const out = scratch.take(count);
  for (let k = 0; k < count; k++) out[order[k]!] = logs[k]!;
  return out;
}

/** Up to this many values are ordered by insertion, without the comparator calls of `Array.prototype.sort`. */
const INSERTION_LIMIT = 64;

/** The indices of the first `count` of `xs` (default: all) by increasing value (equal values in index order). */
export function increasingOrder(xs: ArrayLike<number>, count = xs.length): number[] {
  const order: number[] = [];
  for (let i = 0; i < count; i++) order.push(i);
  if (count > INSERTION_LIMIT) return order.sort((a, b) => xs[a]! - xs[b]!);
  for (let i = 1; i < count; i++) {
    const x = xs[i]!;
    let at = i;
    // Strictly greater: an equal value stays after the earlier index, as a stable sort keeps it.
    while (at > 0 && xs[order[at - 1]!]! > x) {
      order[at] = order[at - 1]!;
      at--;
    }
    order[at] = i;
  }
  return order;
}

/** {@link logDensities} at points `xs` given in increasing order (so that several mixtures share one ordering). */
export function logDensitiesOfIncreasing(scratch: Scratch, m: Mixture, xs: ArrayLike<number>): Float64Array {
  const count = xs.length;
  // The sums of the terms, then (in place) their logarithms.
  const out = scratch.take(count, true);
  const { mu, sigma, inverse, coef } = m;
  let start = 0;
  for (let i = 0; i < mu.length; i++) {
    const c = coef[i]!;
    if (c === 0) continue;
    const center = mu[i]!;
    const v = inverse[i]!;
    const reach = DENSITY_CUT * sigma[i]!;
    const begin = center - reach;
    const end = center + reach;
    // Centres increase, so the first point in reach moves little from one component to the next.
    while (start > 0 && xs[start - 1]! > begin) start--;
    while (start < count && xs[start]! <= begin) start++;
    for (let k = start; k < count; k++) {
      const x = xs[k]!;
      if (x >= end) break;
      const z = (x - center) * v;
      out[k]! += c * expNeg(0.5 * z * z);
    }
  }
  for (let k = 0; k < count; k++) {
    const x = xs[k]!;
    const sum = out[k]!;
    out[k] = x < m.lo || x > m.hi ? -Infinity : sum > 0 ? Math.log(sum) : logDensityFar(m, x);
  }
  return out;
}

/** The log-density at a point where every component's term underflows: combines logarithms. */
function logDensityFar(m: Mixture, x: number): number {
  const { mu, inverse, coef } = m;
  const size = mu.length;
  let best = -Infinity;
  const logs = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    const z = (x - mu[i]!) * inverse[i]!;
    logs[i] = coef[i]! > 0 ? Math.log(coef[i]!) - 0.5 * z * z : -Infinity;
    if (logs[i]! > best) best = logs[i]!;
  }
  if (best === -Infinity) return -Infinity;
  let acc = 0;
  for (let i = 0; i < size; i++) acc += Math.exp(logs[i]! - best);
  return best + Math.log(acc);
}

/** The mixture's probability of `[a, b]`. */
export function mass(m: Mixture, a: number, b: number): number {
  const lo = Math.max(a, m.lo);
  const hi = Math.min(b, m.hi);
  if (!(lo < hi)) return 0;
  const { mu, inverse, massWeight } = m;
  let sum = 0;
  for (let i = 0; i < mu.length; i++) {
    const v = inverse[i]!;
    sum += massWeight[i]! * normalMass((lo - mu[i]!) * v, (hi - mu[i]!) * v);
  }
  return sum;
}

/**
 * The mixture's probability of each bucket `[edges[j], edges[j + 1]]`; `edges` increase. Each
 * component's CDF is evaluated once per edge, so adjacent buckets share the work.
 */
export function bucketMasses(scratch: Scratch, m: Mixture, edges: ArrayLike<number>): Float64Array {
  const buckets = edges.length - 1;
  const out = scratch.take(buckets, true);
  const { mu, sigma, inverse, massWeight } = m;
  const z = scratch.take(edges.length);
  const tail = scratch.take(edges.length);
  for (let i = 0; i < mu.length; i++) {
    const w = massWeight[i]!;
    if (w === 0) continue;
    const v = inverse[i]!;
    const c = mu[i]!;
    // Only the buckets within CUT standard deviations of the centre get any mass.
    const first = Math.max(firstAbove(edges, c - CUT * sigma[i]!), 1) - 1;
    const last = Math.min(firstAbove(edges, c + CUT * sigma[i]!), buckets);
    // One tail probability per edge, shared by the two buckets it separates.
    for (let e = first; e <= last; e++) {
      const ze = (edges[e]! - c) * v;
      z[e] = ze;
      const abs = ze < 0 ? -ze : ze;
      tail[e] = abs >= CUT ? 0 : upperTail(abs);
    }
    for (let e = first; e < last; e++) {
      const a = z[e]!;
      const b = z[e + 1]!;
      // Φ(b) − Φ(a), from the tails on the side each edge lies.
      const mass = a >= 0 ? tail[e]! - tail[e + 1]! : b <= 0 ? tail[e + 1]! - tail[e]! : 1 - tail[e]! - tail[e + 1]!;
      out[e]! += w * mass;
    }
  }
  return out;
}

/** The index of the first of the increasing `edges` above `x` (`edges.length` when none is). */
function firstAbove(edges: ArrayLike<number>, x: number): number {
  let low = 0;
  let high = edges.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (edges[mid]! > x) high = mid;
    else low = mid + 1;
  }
  return low;
}

/** A draw from the mixture: a component by weight, then its normal truncated to the range. */
export function sampleMixture(m: Mixture, rng: Rng): number {
  const u = rng.next();
  const cumulative = m.cumulative;
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (cumulative[mid]! > u) high = mid;
    else low = mid + 1;
  }
  const mu = m.mu[low]!;
  const s = m.sigma[low]!;
  for (let attempt = 0; attempt < 64; attempt++) {
    const x = mu + s * rng.normal();
    if (x >= m.lo && x <= m.hi) return x;
  }
  // The component's mass inside the range is tiny: fall back to the nearest bound's side.
  return Math.min(m.hi, Math.max(m.lo, mu));
}

/**
 * Weights of `n` observations in time order (oldest first): the newest `recent` weigh 1, older ones
 * fall linearly towards `1 / n`, so old evidence fades instead of vanishing.
 */
export function forgettingWeights(n: number, recent: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = forgettingWeight(i, n, recent);
  return out;
}

/** The weight of the `i`-th oldest of `n` observations ({@link forgettingWeights}, one entry). */
export function forgettingWeight(i: number, n: number, recent: number): number {
  const old = n - recent;
  return i >= old ? 1 : fadedWeight(i, 1 / n, old);
}

/** The weight of the `i`-th oldest of `old` faded observations, the oldest weighing `start` (`1 / n`). */
export function fadedWeight(i: number, start: number, old: number): number {
  return old === 1 ? start : start + ((1 - start) * i) / (old - 1);
}

/**
 * A categorical posterior: `(priorWeight · prior[k] + Σ weights of observations equal to k) / total`.
 * `indices` are the observed value indices, `weights` their weights.
 */
export function categoricalPosterior(size: number, indices: ArrayLike<number>, weights: ArrayLike<number>, prior: ArrayLike<number> | undefined, priorWeight: number): Float64Array {
  const out = new Float64Array(size);
  let total = 0;
  for (let k = 0; k < size; k++) {
    const p = priorWeight * (prior ? prior[k]! : 1 / size);
    out[k] = p;
    total += p;
  }
  for (let i = 0; i < indices.length; i++) {
    out[indices[i]!]! += weights[i]!;
    total += weights[i]!;
  }
  if (!(total > 0)) return out.fill(1 / size);
  for (let k = 0; k < size; k++) out[k]! /= total;
  return out;
}
