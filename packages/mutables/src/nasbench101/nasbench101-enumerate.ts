/**
 * Enumeration of the NAS-Bench-101 search space, as the benchmark's `generate_graphs.py` builds it:
 * every DAG on V = 2 … maxVertices vertices (input and output included) with at most maxEdges edges
 * in which every vertex lies on an input → output path, under every labelling of its interior
 * vertices, deduplicated by the graph hash. The defaults give the 423,624 cells of the benchmark.
 *
 * Iteration order is the official one, so the representative kept for each hash is the same:
 * V ascending; then the edge bitmask ascending, where bit `x + y(y-1)/2` is the edge x → y; then
 * the interior labels in lexicographic order of {0, …, numOps-1}^(V-2).
 *
 * Hashing all 1,293,208 labelled DAGs one by one would take minutes. Instead, each labelled DAG is
 * first reduced to a canonical form (the smallest edge bitmask and label sequence over all vertex
 * orders that keep the matrix upper-triangular), which is equal exactly for isomorphic cells, and
 * only the first member of each isomorphism class is hashed. Isomorphic cells always share a hash,
 * so merging classes by hash afterwards (keeping the earliest) gives the official result even if
 * two non-isomorphic classes ever shared one. Within one matrix, a vertex's hash after r rounds
 * depends only on the labels within distance r of it, so those hashes are shared between
 * labellings; what remains is about 17 million MD5s, ~15 s on one core for the defaults.
 *
 * @example
 * ```ts
 * const cells = enumerateNasBench101();            // Map of 423,624 hash → { matrix, labels }
 * const small = enumerateNasBench101({ maxVertices: 5 }); // 2,532 cells
 * ```
 */
import { SearchSpaceError } from '@archspace/ir';
import { NASBENCH101_INPUT_LABEL, NASBENCH101_OPS, NASBENCH101_OUTPUT_LABEL } from './nasbench101-ops.js';
import type { NasBench101Matrix } from './nasbench101-ops.js';
import { md5Hex } from './nasbench101-md5.js';
import { fingerprint, roundText, tupleHash } from './nasbench101-hash.js';

/** The size of the space `enumerateNasBench101` walks. */
export interface NasBench101EnumerateOptions {
  /** Most vertices, input and output included: 2 … 8. Default 7 (8 takes a long time). */
  readonly maxVertices?: number;
  /** Most edges. Default 9. */
  readonly maxEdges?: number;
  /** Number of interior op labels. Default 3 (`NASBENCH101_OPS`). */
  readonly numOps?: number;
}

/** One enumerated cell: the first labelled DAG met with its hash, in the official iteration order. */
export interface NasBench101EnumeratedCell {
  /** The adjacency matrix (frozen, and shared by the cells that have the same matrix). */
  readonly matrix: NasBench101Matrix;
  /** The labels: -1 input, -2 output, interior ops as indices into `NASBENCH101_OPS`. */
  readonly labels: readonly number[];
}

function option(value: number | undefined, fallback: number, name: string, min: number, max: number): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < min || v > max) {
    throw new SearchSpaceError({ code: 'nasbench101-enumerate-option', path: [name], expected: `an integer from ${min} to ${max}`, received: value });
  }
  return v;
}

/** All permutations of the interior positions 1 … V-2, as maps from vertex to new position. */
function interiorPermutations(vertices: number): Int8Array[] {
  const result: Int8Array[] = [];
  const interior = vertices - 2;
  const used = new Uint8Array(vertices);
  const current = new Int8Array(vertices);
  current[0] = 0;
  current[vertices - 1] = vertices - 1;
  const place = (v: number): void => {
    if (v > interior) {
      result.push(current.slice());
      return;
    }
    for (let p = 1; p <= interior; p++) {
      if (used[p]) continue;
      used[p] = 1;
      current[v] = p;
      place(v + 1);
      used[p] = 0;
    }
  };
  place(1);
  return result;
}

function popcount(bits: number): number {
  let c = bits - ((bits >>> 1) & 0x55555555);
  c = (c & 0x33333333) + ((c >>> 2) & 0x33333333);
  return Math.imul((c + (c >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/**
 * Lists the unique NAS-Bench-101 cells, keyed by their official hash, each with the first matrix
 * and labelling met in the official iteration order. With the defaults this is the benchmark's
 * space: 423,624 cells (2,532 for `maxVertices: 5`). The map iterates in order of first discovery.
 *
 * @throws SearchSpaceError when an option is out of range.
 * @example
 * ```ts
 * for (const [hash, { matrix, labels }] of enumerateNasBench101({ maxVertices: 4 })) {
 *   console.log(hash, nasBench101Ops(labels), matrix);
 * }
 * ```
 */
export function enumerateNasBench101(options: NasBench101EnumerateOptions = {}): Map<string, NasBench101EnumeratedCell> {
  const maxVertices = option(options.maxVertices, 7, 'maxVertices', 2, 8);
  const maxEdges = option(options.maxEdges, 9, 'maxEdges', 0, 64);
  const numOps = option(options.numOps, NASBENCH101_OPS.length, 'numOps', 1, 64);
  if (numOps ** (maxVertices - 2) > MAX_LABELLINGS) {
    throw new SearchSpaceError({
      code: 'nasbench101-enumerate-option',
      path: ['numOps'],
      expected: `at most ${MAX_LABELLINGS} labellings of a matrix (numOps ** (maxVertices - 2))`,
      received: numOps,
    });
  }
  const result = new Map<string, NasBench101EnumeratedCell>();
  for (let vertices = 2; vertices <= maxVertices; vertices++) enumerateVertices(vertices, maxEdges, numOps, result);
  return result;
}

/** The most labellings of one matrix the enumeration accepts (it keeps a flag per labelling). */
const MAX_LABELLINGS = 1 << 24;

function enumerateVertices(
  V: number,
  maxEdges: number,
  numOps: number,
  result: Map<string, NasBench101EnumeratedCell>,
): void {
  const interior = V - 2;
  const bitCount = (V * (V - 1)) / 2;
  const edgeX = new Int8Array(bitCount);
  const edgeY = new Int8Array(bitCount);
  const rowMask = new Array<number>(V).fill(0);
  const colMask = new Array<number>(V).fill(0);
  for (let y = 1; y < V; y++) {
    for (let x = 0; x < y; x++) {
      const b = x + (y * (y - 1)) / 2;
      edgeX[b] = x;
      edgeY[b] = y;
      rowMask[x]! |= 2 ** b;
      colMask[y]! |= 2 ** b;
    }
  }
  const permutations = interiorPermutations(V);
  const labellings = numOps ** interior;
  // place[p] = weight of interior position p in a label code; position 1 is the most significant.
  const place = new Array<number>(V).fill(0);
  for (let p = 1; p <= interior; p++) place[p] = numOps ** (interior - p);
  // Per canonical matrix, which canonical labelling codes have been met.
  const seen = new Map<number, Uint8Array>();
  const labels = new Array<number>(V).fill(0);
  const xs: number[] = [];
  const ys: number[] = [];
  const best: Int8Array[] = [];
  const end = 2 ** bitCount;

  for (let bits = 0; bits < end; bits++) {
    if (popcount(bits) > maxEdges) continue;
    let full = true;
    for (let v = 0; v < V - 1 && full; v++) if ((bits & rowMask[v]!) === 0) full = false;
    for (let v = 1; v < V && full; v++) if ((bits & colMask[v]!) === 0) full = false;
    if (!full) continue;

    xs.length = 0;
    ys.length = 0;
    for (let b = 0; b < bitCount; b++) {
      if (bits & (2 ** b)) {
        xs.push(edgeX[b]!);
        ys.push(edgeY[b]!);
      }
    }
    // The canonical matrix: the smallest bitmask over the vertex orders that keep it upper-triangular.
    let minBits = Infinity;
    best.length = 0;
    for (const pi of permutations) {
      let permuted = 0;
      let ok = true;
      for (let e = 0; e < xs.length; e++) {
        const px = pi[xs[e]!]!;
        const py = pi[ys[e]!]!;
        if (px > py) {
          ok = false;
          break;
        }
        permuted |= 2 ** (px + (py * (py - 1)) / 2);
      }
      if (!ok) continue;
      if (permuted < minBits) {
        minBits = permuted;
        best.length = 0;
      }
      if (permuted === minBits) best.push(pi);
    }
    let seenCodes = seen.get(minBits);
    if (seenCodes === undefined) {
      seenCodes = new Uint8Array(labellings);
      seen.set(minBits, seenCodes);
    }
    // weights[k][v]: weight of vertex v's label in the code of the k-th canonical vertex order.
    const weights = best.map((pi) => {
      const w = new Array<number>(V).fill(0);
      for (let v = 1; v <= interior; v++) w[v] = place[pi[v]!]!;
      return w;
    });

    let structure: MatrixStructure | undefined;
    labels.fill(0);
    labels[0] = NASBENCH101_INPUT_LABEL;
    labels[V - 1] = NASBENCH101_OUTPUT_LABEL;
    for (let t = 0; t < labellings; t++) {
      if (t > 0) {
        let i = V - 2;
        while (labels[i] === numOps - 1) labels[i--] = 0;
        labels[i]!++;
      }
      let code = Infinity;
      for (const w of weights) {
        let c = 0;
        for (let v = 1; v <= interior; v++) c += labels[v]! * w[v]!;
        if (c < code) code = c;
      }
      if (seenCodes[code]) continue;
      seenCodes[code] = 1;
      // First member of a new isomorphism class: hash it.
      structure ??= matrixStructure(V, xs, ys, numOps, labellings);
      const hash = labelledHash(structure, labels, numOps, labellings);
      if (!result.has(hash)) result.set(hash, { matrix: structure.matrix, labels: labels.slice() });
    }
  }
}

interface MatrixStructure {
  readonly matrix: NasBench101Matrix;
  readonly ins: number[][];
  readonly outs: number[][];
  /** `tupleHashes[v * numOps + label]`: the initial hash of vertex v with that label (input/output at 0). */
  readonly tupleHashes: string[];
  /**
   * After r rounds a vertex's hash depends only on the labels within distance r of it (edges taken
   * both ways). While that ball misses an interior vertex, labellings that agree on the ball give
   * the same hash, so it is cached per matrix under the code of the ball's labels.
   * `ballWeights[((r - 1) * V + v) * V + u]` is the weight of interior vertex u's label in that
   * code (0 outside the ball).
   */
  readonly ballWeights: Int32Array;
  /** For each vertex, the last round whose ball misses an interior vertex (0: never cached). */
  readonly cachedRounds: Int8Array;
  /** Where each vertex's cache entries start in `cache`. */
  readonly cacheOffset: Int32Array;
  /** `cache[cacheOffset[v] + (r - 1) * labellings + code]`: v's hash after round r. */
  readonly cache: (string | undefined)[];
  readonly current: string[];
  readonly next: string[];
  readonly scratch: string[];
}

function matrixStructure(
  V: number,
  xs: readonly number[],
  ys: readonly number[],
  numOps: number,
  labellings: number,
): MatrixStructure {
  const rows: number[][] = [];
  const ins: number[][] = [];
  const outs: number[][] = [];
  for (let v = 0; v < V; v++) {
    rows.push(new Array<number>(V).fill(0));
    ins.push([]);
    outs.push([]);
  }
  for (let e = 0; e < xs.length; e++) {
    const x = xs[e]!;
    const y = ys[e]!;
    rows[x]![y] = 1;
    outs[x]!.push(y);
    ins[y]!.push(x);
  }
  for (const row of rows) Object.freeze(row);
  const tupleHashes: string[] = [];
  for (let v = 0; v < V; v++) {
    for (let label = 0; label < numOps; label++) {
      const fixed = v === 0 ? NASBENCH101_INPUT_LABEL : v === V - 1 ? NASBENCH101_OUTPUT_LABEL : label;
      tupleHashes.push(tupleHash(outs[v]!.length, ins[v]!.length, fixed));
    }
  }
  const ballWeights = new Int32Array(V * V * V);
  const cachedRounds = new Int8Array(V);
  const cacheOffset = new Int32Array(V);
  let cacheSize = 0;
  for (let v = 0; v < V; v++) {
    const ball = new Uint8Array(V);
    ball[v] = 1;
    cacheOffset[v] = cacheSize;
    for (let r = 1; r <= V; r++) {
      const grown = ball.slice();
      for (let u = 0; u < V; u++) {
        if (!ball[u]) continue;
        for (const w of ins[u]!) grown[w] = 1;
        for (const w of outs[u]!) grown[w] = 1;
      }
      ball.set(grown);
      let full = true;
      for (let u = 1; u < V - 1; u++) {
        if (ball[u]) ballWeights[((r - 1) * V + v) * V + u] = numOps ** (u - 1);
        else full = false;
      }
      if (full) break;
      cachedRounds[v] = r;
    }
    cacheSize += cachedRounds[v]! * labellings;
  }
  return {
    matrix: Object.freeze(rows),
    ins,
    outs,
    tupleHashes,
    ballWeights,
    cachedRounds,
    cacheOffset,
    cache: new Array<string | undefined>(cacheSize),
    current: new Array<string>(V),
    next: new Array<string>(V),
    scratch: new Array<string>(V),
  };
}

/**
 * The official hash of one labelling of the matrix (the same as `hashNasBench101`), reusing the
 * hashes of earlier labellings wherever a vertex's hash cannot depend on the labels that differ.
 */
function labelledHash(structure: MatrixStructure, labels: readonly number[], numOps: number, labellings: number): string {
  const V = labels.length;
  const { tupleHashes, ballWeights, cachedRounds, cacheOffset, cache, scratch, ins, outs } = structure;
  let current = structure.current;
  let next = structure.next;
  current[0] = tupleHashes[0]!;
  for (let v = 1; v < V - 1; v++) current[v] = tupleHashes[v * numOps + labels[v]!]!;
  current[V - 1] = tupleHashes[(V - 1) * numOps]!;
  for (let r = 1; r <= V; r++) {
    for (let v = 0; v < V; v++) {
      if (r > cachedRounds[v]!) {
        next[v] = md5Hex(roundText(current, ins[v]!, outs[v]!, v, scratch));
        continue;
      }
      let code = 0;
      const base = ((r - 1) * V + v) * V;
      for (let u = 1; u < V - 1; u++) code += labels[u]! * ballWeights[base + u]!;
      const slot = cacheOffset[v]! + (r - 1) * labellings + code;
      let hash = cache[slot];
      if (hash === undefined) {
        hash = md5Hex(roundText(current, ins[v]!, outs[v]!, v, scratch));
        cache[slot] = hash;
      }
      next[v] = hash;
    }
    const swap = current;
    current = next;
    next = swap;
  }
  return fingerprint(current.slice());
}
