/**
 * The NAS-Bench-101 graph hash (`graph_util.hash_module`), reproduced byte for byte: the key of
 * every cell in the benchmark's dataset. It is a Weisfeiler-Lehman style refinement with MD5:
 *
 * 1. each vertex starts as the MD5 of the Python tuple text `(out_degree, in_degree, label)`;
 * 2. V times (V = vertex count), every vertex becomes the MD5 of its in-neighbours' hashes sorted
 *    and concatenated, `|`, its out-neighbours' hashes sorted and concatenated, `|`, its own hash;
 * 3. the fingerprint is the MD5 of the Python repr of the sorted hash list, `['h1', 'h2', ...]`.
 *
 * Isomorphic cells hash alike, so the hash identifies a cell up to the order of its vertices.
 *
 * @example
 * ```ts
 * hashNasBench101Cell(
 *   [[0, 1, 1, 1, 0, 1, 0], [0, 0, 0, 0, 0, 0, 1], [0, 0, 0, 0, 0, 0, 1], [0, 0, 0, 0, 1, 0, 0],
 *    [0, 0, 0, 0, 0, 0, 1], [0, 0, 0, 0, 0, 0, 1], [0, 0, 0, 0, 0, 0, 0]],
 *   ['input', 'conv1x1-bn-relu', 'conv3x3-bn-relu', 'conv3x3-bn-relu', 'conv3x3-bn-relu', 'maxpool3x3', 'output'],
 * ); // '28cfc7874f6d200472e1a9dcd8650aa0'
 * ```
 */
import { ConstraintViolation, SampleValidationError } from '@archspace/ir';
import { md5Hex } from './nasbench101-md5.js';
import { nasBench101Labels } from './nasbench101-ops.js';
import type { NasBench101Matrix } from './nasbench101-ops.js';
import { pruneNasBench101 } from './nasbench101-prune.js';
import { assertSquareCell } from './nasbench101-square-cell.js';

/** Initial vertex hashes by tuple text; the set of (out, in, label) triples seen in practice is tiny. */
const tupleHashes = new Map<string, string>();
const TUPLE_CACHE_LIMIT = 4096;

/**
 * The MD5 of the Python text of the tuple `(outDegree, inDegree, label)`, memoised.
 * @internal
 */
export function tupleHash(outDegree: number, inDegree: number, label: number): string {
  const text = `(${outDegree}, ${inDegree}, ${label})`;
  let hash = tupleHashes.get(text);
  if (hash === undefined) {
    hash = md5Hex(text);
    if (tupleHashes.size >= TUPLE_CACHE_LIMIT) tupleHashes.clear();
    tupleHashes.set(text, hash);
  }
  return hash;
}

/**
 * Concatenates the hashes of the listed vertices in ascending (string) order, as Python's
 * `''.join(sorted(...))` does. Lists are short (at most V - 1), so insertion sort is used.
 */
function sortedConcat(hashes: readonly string[], vertices: readonly number[], scratch: string[]): string {
  const n = vertices.length;
  if (n === 0) return '';
  if (n === 1) return hashes[vertices[0]!]!;
  for (let i = 0; i < n; i++) {
    const h = hashes[vertices[i]!]!;
    let j = i;
    while (j > 0 && scratch[j - 1]! > h) {
      scratch[j] = scratch[j - 1]!;
      j--;
    }
    scratch[j] = h;
  }
  let out = scratch[0]!;
  for (let i = 1; i < n; i++) out += scratch[i]!;
  return out;
}

/**
 * The text one refinement round hashes for vertex `v`: its in-neighbours' hashes sorted and
 * concatenated, `|`, its out-neighbours' likewise, `|`, its own hash.
 * @internal
 */
export function roundText(hashes: readonly string[], ins: readonly number[], outs: readonly number[], v: number, scratch: string[]): string {
  return `${sortedConcat(hashes, ins, scratch)}|${sortedConcat(hashes, outs, scratch)}|${hashes[v]!}`;
}

/**
 * The V refinement rounds and the fingerprint, on a graph given by neighbour lists and the initial
 * tuple hashes. `hashes` is used as working storage and overwritten.
 */
function refineAndFingerprint(ins: readonly (readonly number[])[], outs: readonly (readonly number[])[], hashes: string[]): string {
  const n = hashes.length;
  let current = hashes;
  let next: string[] = new Array<string>(n);
  const scratch: string[] = new Array<string>(n);
  for (let round = 0; round < n; round++) {
    for (let v = 0; v < n; v++) next[v] = md5Hex(roundText(current, ins[v]!, outs[v]!, v, scratch));
    const swap = current;
    current = next;
    next = swap;
  }
  return fingerprint(current);
}

/**
 * The last step of the hash: the MD5 of the Python repr of the sorted vertex hashes,
 * `['h1', 'h2', ...]`. Sorts `hashes` in place.
 * @internal
 */
export function fingerprint(hashes: string[]): string {
  if (hashes.length === 0) return md5Hex('[]');
  hashes.sort();
  return md5Hex(`['${hashes.join("', '")}']`);
}

/**
 * The official NAS-Bench-101 hash of an already-pruned cell given by its adjacency matrix and
 * integer labels (-1 input, -2 output, 0/1/2 the index of the op in `NASBENCH101_OPS`). The result
 * is the 32-character lowercase hex key of the benchmark's dataset.
 *
 * Like the official `hash_module`, this hashes the matrix as given: prune first (or use
 * `hashNasBench101Cell`), since a dangling vertex changes the hash. Degrees are row and column sums,
 * neighbours are the non-zero entries, and V rounds of refinement run for V vertices.
 *
 * @throws SampleValidationError when the matrix is not square or the label count differs.
 * @example
 * ```ts
 * hashNasBench101([[0, 1], [0, 0]], [-1, -2]); // the hash of the cell input → output
 * ```
 */
export function hashNasBench101(matrix: NasBench101Matrix, labels: readonly number[]): string {
  assertSquareCell(matrix, labels);
  const n = matrix.length;
  const ins: number[][] = [];
  const outs: number[][] = [];
  const inDegree: number[] = [];
  const outDegree: number[] = [];
  for (let v = 0; v < n; v++) {
    ins.push([]);
    outs.push([]);
    inDegree.push(0);
    outDegree.push(0);
  }
  for (let x = 0; x < n; x++) {
    const row = matrix[x]!;
    for (let y = 0; y < n; y++) {
      const entry = row[y]!;
      if (typeof entry !== 'number' || !Number.isInteger(entry)) {
        throw new SampleValidationError({
          code: 'nasbench101-matrix-entry',
          path: ['matrix', x, y],
          expected: 'an integer entry (0 or 1)',
          received: entry,
        });
      }
      if (entry !== 0) {
        outs[x]!.push(y);
        ins[y]!.push(x);
        outDegree[x]! += entry;
        inDegree[y]! += entry;
      }
    }
  }
  const initial: string[] = [];
  for (let v = 0; v < n; v++) initial.push(tupleHash(outDegree[v]!, inDegree[v]!, labels[v]!));
  return refineAndFingerprint(ins, outs, initial);
}

/**
 * The official hash of a cell given with op names, as the benchmark's `hash_spec` computes it: the
 * cell is pruned first, then labelled (first vertex -1, last -2, interior ops by their index in
 * `NASBENCH101_OPS`) and hashed. A cell and its pruned form therefore hash alike.
 *
 * @throws ConstraintViolation when the input does not reach the output (nothing survives pruning).
 * @throws SampleValidationError when the matrix is not square or a surviving interior op is unknown.
 * @example
 * ```ts
 * hashNasBench101Cell([[0, 1, 1], [0, 0, 0], [0, 0, 0]], ['input', 'maxpool3x3', 'output']);
 * // === hashNasBench101([[0, 1], [0, 0]], [-1, -2]): the dangling vertex 1 is pruned away
 * ```
 */
export function hashNasBench101Cell(matrix: NasBench101Matrix, ops: readonly string[]): string {
  const pruned = pruneNasBench101(matrix, ops);
  if (!pruned.valid) {
    throw new ConstraintViolation({
      code: 'nasbench101-disconnected',
      message: 'Non-extraneous graph is less than 2 vertices: the input does not reach the output, so the cell has no hash',
    });
  }
  return hashNasBench101(pruned.matrix, nasBench101Labels(pruned.ops));
}
