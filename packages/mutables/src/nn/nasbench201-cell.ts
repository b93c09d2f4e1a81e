/**
 * NasBench201Cell: the NAS-Bench-201 cell, a dense DAG over `numTensors` tensors with one
 * LayerChoice per edge `j → i` (labelled `{label}/{j}_{i}`); tensor `i` is the sum of its incoming
 * edges and the output is the last tensor.
 */
import { SearchSpaceError } from '@archspace/ir';
import { autoLabel, Label, type LabelLike } from '../label.js';
import { LayerChoice } from './layer-choice.js';
import { Module } from './module.js';
import { add } from './ops/merge.js';
import type { Tensor } from './tensor.js';

/** Builds an edge op from the input and output widths (and a stride, always 1 inside the cell). */
export type NasBench201CellOpFactory = (inFeatures: number, outFeatures: number, stride: number) => Module;

/** Options of {@link NasBench201Cell}. */
export interface NasBench201CellOptions {
  /** Tensors in the cell, the input included (default 4: six edges). */
  readonly numTensors?: number;
  /** The cell's label; edges are labelled `{label}/{j}_{i}`. Cells with one label share one architecture. */
  readonly label?: LabelLike;
}

/** The label of edge `from → to` in a cell labelled `label`. */
export function nasBench201EdgeLabel(label: string, from: number, to: number): string {
  return `${label}/${from}_${to}`;
}

/**
 * The NAS-Bench-201 cell. Its space has `|ops|^(N(N-1)/2)` samples: 15,625 for five ops and N = 4.
 *
 * @example
 * ```ts
 * const cell = new NasBench201Cell(nn.NASBENCH201_OPS, 16, 16, { label: 'cell' });
 * ```
 */
export class NasBench201Cell extends Module {
  /** `layers[i - 1][j]` is the choice on edge `j → i`. */
  readonly layers: readonly (readonly LayerChoice[])[];
  readonly numTensors: number;
  /** The cell's label. */
  readonly label: string;

  constructor(
    opCandidates: readonly NasBench201CellOpFactory[] | Readonly<Record<string, NasBench201CellOpFactory>>,
    inFeatures: number,
    outFeatures: number,
    options: NasBench201CellOptions = {},
  ) {
    super();
    const numTensors = options.numTensors ?? 4;
    if (!Number.isInteger(numTensors) || numTensors < 2) {
      throw new SearchSpaceError({ code: 'invalid-cell', path: ['numTensors'], expected: 'an integer ≥ 2', received: numTensors });
    }
    const label = autoLabel(options.label).path;
    this.label = label;
    this.numTensors = numTensors;
    const entries: [string | number, NasBench201CellOpFactory][] = Array.isArray(opCandidates)
      ? opCandidates.map((f, i) => [i, f])
      : Object.entries(opCandidates as Record<string, NasBench201CellOpFactory>);
    const layers: (readonly LayerChoice[])[] = [];
    for (let to = 1; to < numTensors; to++) {
      const incoming: LayerChoice[] = [];
      for (let from = 0; from < to; from++) {
        const width = from === 0 ? inFeatures : outFeatures;
        const built = entries.map(([name, make]) => [name, make(width, outFeatures, 1)] as const);
        const candidates = Array.isArray(opCandidates) ? built.map(([, m]) => m) : Object.fromEntries(built);
        incoming.push(new LayerChoice(candidates, { label: Label.absolute(nasBench201EdgeLabel(label, from, to)) }));
      }
      layers.push(Object.freeze(incoming));
    }
    this.layers = Object.freeze(layers);
  }

  /** Tensor `i` is the sum over `j < i` of edge `j → i` applied to tensor `j`; returns the last. */
  forward(x: Tensor): Tensor {
    const tensors: Tensor[] = [x];
    for (let to = 1; to < this.numTensors; to++) {
      const terms = this.layers[to - 1]!.map((choice, from) => choice.call(tensors[from]!) as Tensor);
      tensors.push(terms.length === 1 ? terms[0]! : add(...terms));
    }
    return tensors[tensors.length - 1]!;
  }
}
