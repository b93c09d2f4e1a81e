/**
 * `nice -n 19 npx tsx bench/quality-local-search-move-order.ts | tee bench/quality-local-search-move-order.log`:
 * would a model that orders LocalSearch's moves lift it on NAS-Bench-201 CIFAR-10 ("local search with
 * a predictor")? The climb of `LocalSearch` (10 random samples, first-improvement from the best, a
 * kick of 2 or 3 decisions from the best at a local optimum, one proposal per canonical network) is
 * replayed on the table's cells with the centre's neighbours tried in five orders: random (what
 * LocalSearch does), by the true signal (an oracle: the bound any predictor could reach), by a ridge
 * regression on the one-hot decisions of the cells evaluated so far, by a Thompson draw from that
 * regression's Bayesian posterior, and by TPE's ratio (how much more often the best quarter of the
 * cells evaluated has the move's value than the rest). Tuning seeds 0–299, 100 and 200 queries; the
 * score is the 200-epoch test accuracy of the best-signal cell (mean ± standard error) and `hit` the
 * share of runs that found the best-signal cell of the table.
 */
import { createRng, nasBench201CanonicalKey, type Rng, type Sample } from '@archspace/mutables';
import { meanAndError, nasBench201, SEED_RANGES } from './nasbench201-quality.js';

const OPS = ['none', 'skip_connect', 'conv_1x1', 'conv_3x3', 'avg_pool_3x3'];
const EDGES = ['0_1', '0_2', '1_2', '0_3', '1_3', '2_3'];
const CELLS = OPS.length ** EDGES.length;
const FEATURES = OPS.length * EDGES.length;

/** The ops (indices into OPS) of cell `code`, first edge first. */
function opsOf(code: number): number[] {
  const ops: number[] = [];
  for (let i = 0; i < EDGES.length; i++, code = Math.floor(code / OPS.length)) ops.unshift(code % OPS.length);
  return ops;
}
const codeOf = (ops: readonly number[]): number => ops.reduce((a, op) => a * OPS.length + op, 0);
const sampleOf = (code: number): Sample => Object.fromEntries(opsOf(code).map((op, i) => [EDGES[i]!, OPS[op]!]));

/** Orders a centre's moves: returns them with the one to try first last. */
type Order = (moves: number[], centre: number, evaluated: readonly number[], rng: Rng) => number[];

/** The posterior mean and a Cholesky factor of the precision of a ridge regression (prior precision 1) on one-hot cells. */
function ridge(evaluated: readonly number[], signal: Float64Array): { mean: Float64Array; factor: Float64Array; offset: number } {
  const d = FEATURES;
  const a = new Float64Array(d * d);
  const b = new Float64Array(d);
  const offset = evaluated.reduce((s, c) => s + signal[c]!, 0) / evaluated.length;
  for (const c of evaluated) {
    const on = opsOf(c).map((op, i) => i * OPS.length + op);
    for (const i of on) {
      b[i]! += signal[c]! - offset;
      for (const j of on) a[i * d + j]! += 1;
    }
  }
  for (let i = 0; i < d; i++) a[i * d + i]! += 1;
  const l = new Float64Array(d * d);
  for (let i = 0; i < d; i++)
    for (let j = 0; j <= i; j++) {
      let s = a[i * d + j]!;
      for (let k = 0; k < j; k++) s -= l[i * d + k]! * l[j * d + k]!;
      l[i * d + j] = i === j ? Math.sqrt(s) : s / l[j * d + j]!;
    }
  const y = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i * d + k]! * y[k]!;
    y[i] = s / l[i * d + i]!;
  }
  return { mean: backSolve(l, y), factor: l, offset };
}

/** `x` with `Lᵀ x = y` for the lower-triangular `l`. */
function backSolve(l: Float64Array, y: Float64Array): Float64Array {
  const d = y.length;
  const x = new Float64Array(d);
  for (let i = d - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let k = i + 1; k < d; k++) s -= l[k * d + i]! * x[k]!;
    x[i] = s / l[i * d + i]!;
  }
  return x;
}

const predicted = (weights: Float64Array, code: number): number => opsOf(code).reduce((s, op, i) => s + weights[i * OPS.length + op]!, 0);

function orders(signal: Float64Array): Record<string, Order> {
  const byScore = (moves: number[], score: (c: number) => number) => {
    const scores = new Map(moves.map((c) => [c, score(c)]));
    return moves.sort((a, b) => scores.get(a)! - scores.get(b)!);
  };
  return {
    random: (moves) => moves,
    'oracle (true signal)': (moves) => byScore(moves, (c) => signal[c]!),
    'ridge one-hot': (moves, _centre, evaluated) => byScore(moves, (c) => predicted(ridge(evaluated, signal).mean, c)),
    'Thompson ridge one-hot': (moves, _centre, evaluated, rng) => {
      const { mean, factor } = ridge(evaluated, signal);
      const noise = Math.sqrt(evaluated.reduce((s, c) => s + (signal[c]! - predicted(mean, c)) ** 2, 0) / evaluated.length);
      const draw = backSolve(factor, Float64Array.from(mean, () => rng.normal() * noise));
      return byScore(moves, (c) => predicted(mean.map((w, i) => w + draw[i]!), c));
    },
    'TPE ratio (best quarter)': (moves, centre, evaluated) => {
      const ranked = [...evaluated].sort((a, b) => signal[b]! - signal[a]!);
      const good = Math.ceil(ranked.length / 4);
      const counts = [new Float64Array(FEATURES).fill(1), new Float64Array(FEATURES).fill(1)];
      ranked.forEach((c, rank) => opsOf(c).forEach((op, i) => (counts[rank < good ? 0 : 1]![i * OPS.length + op]! += 1)));
      const from = opsOf(centre);
      return byScore(moves, (c) => {
        const ops = opsOf(c);
        const i = ops.findIndex((op, j) => op !== from[j]);
        const f = i * OPS.length + ops[i]!;
        return counts[0]![f]! / (good + OPS.length) / (counts[1]![f]! / (ranked.length - good + OPS.length));
      });
    },
  };
}

/** One LocalSearch run replayed on the table: the cells evaluated, in order. */
function climb(rng: Rng, queries: number, order: Order, signal: Float64Array, key: Int32Array): number[] {
  const seen = new Set<number>();
  const claim = (c: number) => !seen.has(key[c]!) && seen.add(key[c]!) !== undefined;
  const unseen = (): number => {
    for (;;) {
      const c = rng.int(CELLS);
      if (claim(c)) return c;
    }
  };
  const evaluated: number[] = [];
  let best = -1;
  let centre = -1;
  let moves: number[] = [];
  const evaluate = (c: number) => {
    evaluated.push(c);
    if (best < 0 || signal[c]! > signal[best]!) best = c;
  };
  const moveTo = (c: number) => {
    centre = c;
    const ops = opsOf(c);
    moves = [];
    ops.forEach((current, i) => OPS.forEach((_, op) => op !== current && moves.push(codeOf(ops.map((o, j) => (j === i ? op : o))))));
    moves = order(rng.shuffle(moves), c, evaluated, rng);
  };
  while (evaluated.length < queries) {
    if (evaluated.length < 10) {
      evaluate(unseen());
      continue;
    }
    if (centre < 0) moveTo(best);
    let next: number | undefined;
    while (next === undefined && moves.length > 0) {
      const c = moves.pop()!;
      if (claim(c)) next = c;
    }
    if (next !== undefined) {
      evaluate(next);
      if (signal[next]! > signal[centre]!) moveTo(next);
      continue;
    }
    let kicked: number | undefined;
    for (let tries = 0; tries < 100 && kicked === undefined; tries++) {
      const ops = opsOf(best);
      for (const i of rng.sampleIndices(EDGES.length, 2 + rng.int(2))) ops[i] = (ops[i]! + 1 + rng.int(OPS.length - 1)) % OPS.length;
      if (claim(codeOf(ops))) kicked = codeOf(ops);
    }
    kicked ??= unseen();
    evaluate(kicked);
    moveTo(kicked);
  }
  return evaluated;
}

const data = nasBench201();
if (data !== undefined) {
  const { bench } = data;
  const signal = new Float64Array(CELLS);
  const test = new Float64Array(CELLS);
  const key = new Int32Array(CELLS);
  const keys = new Map<string, number>();
  for (let c = 0; c < CELLS; c++) {
    const record = bench.query(sampleOf(c));
    signal[c] = record.signal;
    test[c] = record.test200.cifar10;
    const k = nasBench201CanonicalKey(sampleOf(c));
    if (!keys.has(k)) keys.set(k, keys.size);
    key[c] = keys.get(k)!;
  }
  const top = signal.reduce((b, s, c) => (s > signal[b]! ? c : b), 0);
  const [first, end] = SEED_RANGES.tuning;
  console.log(`# tuning seeds ${first}–${end - 1}; the best-signal cell scores ${test[top]!.toFixed(3)}`);
  for (const queries of [100, 200]) {
    for (const [name, order] of Object.entries(orders(signal))) {
      const scores: number[] = [];
      let hits = 0;
      for (let seed = first; seed < end; seed++) {
        const found = climb(createRng(seed), queries, order, signal, key).reduce((b, c) => (signal[c]! > signal[b]! ? c : b));
        scores.push(test[found]!);
        if (key[found] === key[top]) hits++;
      }
      console.log(`${queries} queries, ${name}: ${meanAndError(scores, 3)}, hit ${(hits / (end - first)).toFixed(2)}`);
    }
  }
}
