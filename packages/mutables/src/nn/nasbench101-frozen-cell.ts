/**
 * A frozen NAS-Bench-101 cell: a pruned DAG with an op per interior vertex, vertex widths computed
 * as the benchmark does, projections of the cell input, and the benchmark's forward rule.
 */
import { defineOp, applyOp, expectRank } from './op.js';
import { Module } from './module.js';
import { add, concat } from './ops/merge.js';
import type { Tensor } from './tensor.js';
import type { NasBench101OpFactory, NasBench101Projection } from './nasbench101-cell.js';

/** The `Truncate` operation: keeps the first `channels` channels. */
export const TRUNCATE = defineOp<{ channels: number }>({
  type: 'Truncate',
  arity: 1,
  inferShape([input], { channels }) {
    expectRank('Truncate', input!, 4);
    return [input![0]!, channels, input![2]!, input![3]!];
  },
});

/**
 * The width of every vertex, as the benchmark computes it: the vertices feeding the output share
 * `outFeatures` (the earliest get the remainder), the others take the widest of their successors.
 */
export function nasBench101VertexChannels(inFeatures: number, outFeatures: number, matrix: readonly (readonly number[])[]): number[] {
  const n = matrix.length;
  const channels = new Array<number>(n).fill(0);
  channels[0] = inFeatures;
  channels[n - 1] = outFeatures;
  if (n === 2) return channels;
  let inDegree = 0;
  for (let v = 1; v < n; v++) inDegree += matrix[v]![n - 1]!;
  const interior = Math.floor(outFeatures / inDegree);
  let correction = outFeatures % inDegree;
  for (let v = 1; v < n - 1; v++) {
    if (matrix[v]![n - 1]) {
      channels[v] = interior + (correction > 0 ? 1 : 0);
      if (correction > 0) correction--;
    }
  }
  for (let v = n - 3; v >= 1; v--) {
    if (!matrix[v]![n - 1]) {
      for (let dst = v + 1; dst < n - 1; dst++) if (matrix[v]![dst]) channels[v] = Math.max(channels[v]!, channels[dst]!);
    }
  }
  return channels;
}

/** A concrete NAS-Bench-101 cell (what `NasBench101Cell.freeze` returns). */
export class FrozenNasBench101Cell extends Module {
  /** The pruned adjacency matrix. */
  readonly matrix: readonly (readonly number[])[];
  /** The pruned op names (`'input'` first, `'output'` last). */
  readonly opNames: readonly string[];
  /** The width of every vertex. */
  readonly channels: readonly number[];
  /** `vertexOps[v]` for interior vertices; `null` for input and output. */
  readonly vertexOps: readonly (Module | null)[];
  /** `projections[v]` of the cell input for every vertex it feeds; `null` elsewhere. */
  readonly projections: readonly (Module | null)[];

  constructor(
    matrix: readonly (readonly number[])[],
    ops: readonly string[],
    inFeatures: number,
    outFeatures: number,
    factories: ReadonlyMap<string, NasBench101OpFactory>,
    projection: NasBench101Projection,
  ) {
    super();
    const n = matrix.length;
    this.matrix = matrix;
    this.opNames = Object.freeze([...ops]);
    this.channels = Object.freeze(nasBench101VertexChannels(inFeatures, outFeatures, matrix));
    this.vertexOps = Object.freeze(
      ops.map((op, v) => {
        if (v === 0 || v === n - 1) return null;
        const factory = factories.get(op);
        if (!factory) throw new TypeError(`NasBench101Cell: no factory for op "${op}"`);
        return factory(this.channels[v]!);
      }),
    );
    this.projections = Object.freeze(ops.map((_, v) => (v > 0 && matrix[0]![v] ? projection(inFeatures, this.channels[v]!) : null)));
  }

  private truncate(tensor: Tensor, channels: number): Tensor {
    return tensor.shape[1] === channels ? tensor : applyOp(TRUNCATE, { channels }, [tensor], true);
  }

  /** The benchmark's rule: each vertex sums its (truncated) sources and the projected input. */
  forward(x: Tensor): Tensor {
    const n = this.matrix.length;
    const tensors: Tensor[] = [x];
    for (let t = 1; t < n - 1; t++) {
      const terms: Tensor[] = [];
      for (let src = 1; src < t; src++) if (this.matrix[src]![t]) terms.push(this.truncate(tensors[src]!, this.channels[t]!));
      if (this.matrix[0]![t]) terms.push(this.projections[t]!.call(x) as Tensor);
      const input = terms.length === 1 ? terms[0]! : add(...terms);
      tensors.push(this.vertexOps[t]!.call(input) as Tensor);
    }
    const sources = Array.from({ length: n - 1 }, (_, src) => src).filter((src) => this.matrix[src]![n - 1]);
    if (sources.length === 1) {
      const src = sources[0]!;
      return src === 0 ? (this.projections[n - 1]!.call(x) as Tensor) : tensors[src]!;
    }
    const interior = sources.filter((src) => src > 0).map((src) => tensors[src]!);
    let out = interior.length === 1 ? interior[0]! : concat(interior, 1);
    if (this.matrix[0]![n - 1]) out = add(out, this.projections[n - 1]!.call(x) as Tensor);
    return out;
  }
}
