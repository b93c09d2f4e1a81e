/**
 * The curve-fitting assessor (after Domhan et al., 2015, as the reference's curve-fitting assessor):
 * fit a few parametric learning-curve families to a trial's intermediate results, predict the value
 * at the last epoch from their fit-weighted combination, and stop the trial when the prediction is
 * clearly worse than the best final value seen so far. Fits are least squares by Levenberg–Marquardt;
 * a family that cannot be fitted, or extrapolates wildly, has no say.
 */
import type { AssessResult, Assessor, TrialCurve } from './assessor.js';
import type { Direction } from './strategy.js';
import { checkOptionNames } from './strategy-options.js';

/** Options of {@link CurveFitting}. */
export interface CurveFittingOptions {
  /** The number of intermediate results of a full trial: the step whose value is predicted. */
  readonly epochNum: number;
  /** The number of intermediate results a trial must have before it is judged (default 6). */
  readonly startStep?: number;
  /**
   * How close to the best final value a prediction must come (default 0.95): a maximized trial is
   * stopped when its prediction is below `best − (1 − threshold)·|best|` (`threshold × best` for a
   * positive metric), a minimized one when above `best + (1 − threshold)·|best|`.
   */
  readonly threshold?: number;
  /** Judge only every `gap` steps from `startStep` (default 1). */
  readonly gap?: number;
}

/** A parametric learning-curve family: `value(x, θ)` at step `x` (1, 2, …). */
interface CurveFamily {
  readonly name: string;
  /** A starting point for the fit, from the (scaled) curve. */
  initial(ys: readonly number[]): number[];
  value(x: number, p: readonly number[]): number;
  /** Where the curve levels off as `x` grows (±Infinity when it does not). */
  asymptote(p: readonly number[]): number;
}

/** Where a curve seems to level off, to start fits from: a little past its last value. */
function asymptoteGuess(ys: readonly number[]): number {
  return ys[ys.length - 1]! + 0.1 * (ys[ys.length - 1]! - ys[0]!);
}

/** The families: each can rise or fall and level off. Positive rates are `exp` of a free parameter. */
const FAMILIES: readonly CurveFamily[] = [
  {
    name: 'pow3', // c − a·x^−α
    initial: (ys) => {
      const c = asymptoteGuess(ys);
      return [c, c - ys[0]!, Math.log(0.5)];
    },
    value: (x, [c, a, logAlpha]) => c! - a! * x ** -Math.exp(logAlpha!),
    asymptote: ([c]) => c!,
  },
  {
    name: 'exp3', // c − a·e^(−b·x)
    initial: (ys) => {
      const c = asymptoteGuess(ys);
      return [c, (c - ys[0]!) * Math.exp(0.3), Math.log(0.3)];
    },
    value: (x, [c, a, logB]) => c! - a! * Math.exp(-Math.exp(logB!) * x),
    asymptote: ([c]) => c!,
  },
  {
    name: 'log-power', // a / (1 + (x / e^b)^c)
    initial: (ys) => {
      const rising = ys[ys.length - 1]! >= ys[0]!;
      return rising ? [asymptoteGuess(ys), 0, -1] : [2 * ys[0]!, 0, 1];
    },
    value: (x, [a, b, c]) => a! / (1 + (x / Math.exp(b!)) ** c!),
    asymptote: ([a, , c]) => (c! < 0 ? a! : c! > 0 ? 0 : a! / 2),
  },
  {
    name: 'ilog2', // c − a / ln(x + 1)
    initial: (ys) => {
      const c = asymptoteGuess(ys);
      return [c, (c - ys[0]!) * Math.LN2];
    },
    value: (x, [c, a]) => c! - a! / Math.log(x + 1),
    asymptote: ([c]) => c!,
  },
];

/** Solves the small linear system `A·x = b` (Gaussian elimination with partial pivoting); `undefined` when singular. */
function solve(a: number[][], b: number[]): number[] | undefined {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    if (!(Math.abs(m[pivot]![col]!) > 1e-300)) return undefined;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    for (let r = col + 1; r < n; r++) {
      const f = m[r]![col]! / m[col]![col]!;
      for (let c = col; c <= n; c++) m[r]![c]! -= f * m[col]![c]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let sum = m[r]![n]!;
    for (let c = r + 1; c < n; c++) sum -= m[r]![c]! * x[c]!;
    x[r] = sum / m[r]![r]!;
  }
  return x.every(Number.isFinite) ? x : undefined;
}

/** Least-squares fit of `family` to `ys` at steps 1…n by Levenberg–Marquardt (numerical Jacobian). */
function fit(family: CurveFamily, ys: readonly number[]): { params: number[]; sse: number } | undefined {
  const n = ys.length;
  const sseOf = (p: readonly number[]): number => {
    let sse = 0;
    for (let i = 0; i < n; i++) sse += (ys[i]! - family.value(i + 1, p)) ** 2;
    return Number.isFinite(sse) ? sse : Infinity;
  };
  let params = family.initial(ys);
  let sse = sseOf(params);
  if (sse === Infinity) return undefined;
  const k = params.length;
  let damping = 1e-3;
  for (let iteration = 0; iteration < 200 && damping < 1e12; iteration++) {
    // Residuals and their Jacobian (central differences).
    const jacobian: number[][] = [];
    const residuals: number[] = [];
    for (let i = 0; i < n; i++) {
      residuals.push(ys[i]! - family.value(i + 1, params));
      const row: number[] = [];
      for (let j = 0; j < k; j++) {
        const h = 1e-6 * Math.max(1, Math.abs(params[j]!));
        const up = [...params];
        const down = [...params];
        up[j]! += h;
        down[j]! -= h;
        row.push((family.value(i + 1, up) - family.value(i + 1, down)) / (2 * h));
      }
      jacobian.push(row);
    }
    if (!jacobian.every((row) => row.every(Number.isFinite))) return undefined;
    const jtj = Array.from({ length: k }, (_, a) => Array.from({ length: k }, (_, b) => jacobian.reduce((s, row) => s + row[a]! * row[b]!, 0)));
    const jtr = Array.from({ length: k }, (_, a) => jacobian.reduce((s, row, i) => s + row[a]! * residuals[i]!, 0));
    let improved = false;
    while (damping < 1e12) {
      const lhs = jtj.map((row, a) => row.map((v, b) => (a === b ? v + damping * (v + 1e-12) : v)));
      const step = solve(lhs, jtr);
      const next = step && params.map((p, j) => p + step[j]!);
      const nextSse = next ? sseOf(next) : Infinity;
      if (next && nextSse < sse) {
        const gain = sse - nextSse;
        params = next;
        sse = nextSse;
        damping = Math.max(damping / 3, 1e-12);
        improved = gain > 1e-14 * (1 + sse);
        break;
      }
      damping *= 4;
    }
    if (!improved) break;
  }
  return { params, sse };
}

/**
 * How far beyond the observed range (in multiples of it) a fit may predict or level off: a fit whose
 * asymptote runs off (a power law with a vanishing exponent, say) has learned nothing about where the
 * curve ends.
 */
const PLAUSIBLE_SPAN = 4;

/**
 * Predicts the value at step `epochNum` of a curve known at steps 1…n: every family that fits is
 * weighted by its Bayesian information criterion. `undefined` when no family gives a plausible
 * prediction (or the curve has fewer than three points).
 *
 * @example
 * ```ts
 * predictCurve([0.5, 0.65, 0.72, 0.76, 0.78, 0.79], 20); // ≈ 0.81
 * ```
 */
export function predictCurve(intermediates: readonly number[], epochNum: number): number | undefined {
  const n = intermediates.length;
  if (n < 3 || !intermediates.every(Number.isFinite)) return undefined;
  let scale = 0;
  for (const y of intermediates) scale = Math.max(scale, Math.abs(y));
  if (scale === 0) return 0;
  const ys = intermediates.map((y) => y / scale);
  const low = Math.min(...ys);
  const high = Math.max(...ys);
  const span = Math.max(high - low, 1e-9);
  const candidates: { prediction: number; bic: number }[] = [];
  for (const family of FAMILIES) {
    const k = family.initial(ys).length;
    if (n <= k) continue;
    const result = fit(family, ys);
    if (result === undefined) continue;
    const prediction = family.value(epochNum, result.params);
    const plausible = (y: number) => Number.isFinite(y) && y >= low - PLAUSIBLE_SPAN * span && y <= high + PLAUSIBLE_SPAN * span;
    if (!plausible(prediction) || !plausible(family.asymptote(result.params))) continue;
    candidates.push({ prediction, bic: n * Math.log(result.sse / n + 1e-12) + k * Math.log(n) });
  }
  if (candidates.length === 0) return undefined;
  const bestBic = Math.min(...candidates.map((c) => c.bic));
  let total = 0;
  let weighted = 0;
  for (const c of candidates) {
    const w = Math.exp(-(c.bic - bestBic) / 2);
    total += w;
    weighted += w * c.prediction;
  }
  return (weighted / total) * scale;
}

/**
 * Stops trials whose learning curve, extrapolated to `epochNum`, falls short of the best final value
 * seen so far (the value at `epochNum` of the other trials that reached it).
 *
 * @example
 * ```ts
 * await search(space, trainEpochs, new Random(), { maxTrials: 50 }, { assessor: new CurveFitting({ epochNum: 20 }) });
 * ```
 */
export class CurveFitting implements Assessor {
  readonly name = 'CurveFitting';
  /** The settings, defaults filled in. */
  readonly options: Required<CurveFittingOptions>;

  constructor(options: CurveFittingOptions) {
    checkOptionNames('CurveFitting', options, ['epochNum', 'startStep', 'threshold', 'gap']);
    const { epochNum } = options;
    const startStep = options.startStep ?? 6;
    const threshold = options.threshold ?? 0.95;
    const gap = options.gap ?? 1;
    if (!(Number.isInteger(epochNum) && epochNum >= 1)) throw new RangeError(`epochNum must be an integer ≥ 1, got ${epochNum}`);
    if (!(Number.isInteger(startStep) && startStep >= 0)) throw new RangeError(`startStep must be an integer ≥ 0, got ${startStep}`);
    if (!(threshold > 0 && threshold <= 1)) throw new RangeError(`threshold must be in (0, 1], got ${threshold}`);
    if (!(Number.isInteger(gap) && gap >= 1)) throw new RangeError(`gap must be an integer ≥ 1, got ${gap}`);
    this.options = { epochNum, startStep, threshold, gap };
  }

  /** The predicted value of a curve at `epochNum` (see {@link predictCurve}). */
  predict(intermediates: readonly number[]): number | undefined {
    return predictCurve(intermediates, this.options.epochNum);
  }

  /** Stops `trial` when its predicted final value is clearly worse than the best final value of the others. */
  assess(trial: TrialCurve, others: readonly TrialCurve[], direction: Direction): AssessResult {
    const { epochNum, startStep, threshold, gap } = this.options;
    const step = trial.intermediates.length;
    if (step < startStep || step >= epochNum || (step - startStep) % gap !== 0) return 'continue';
    const sign = direction === 'maximize' ? 1 : -1;
    let best: number | undefined;
    for (const other of others) {
      if (other.intermediates.length < epochNum) continue;
      const final = other.intermediates[epochNum - 1]!;
      if (Number.isFinite(final) && (best === undefined || sign * final > sign * best)) best = final;
    }
    if (best === undefined) return 'continue';
    const prediction = this.predict(trial.intermediates);
    if (prediction === undefined) return 'continue';
    const margin = (1 - threshold) * Math.abs(best);
    return sign * prediction < sign * best - margin ? 'stop' : 'continue';
  }
}
