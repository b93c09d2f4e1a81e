/**
 * Cell: the NAS cell template (NASNet, DARTS, NDS). Node `i` sums `numOpsPerNode` operators, each
 * applied to one input chosen among the predecessors and earlier nodes; the cell's output
 * concatenates all nodes (`merge: 'all'`) or only the nodes no operator reads (`'loose_end'`).
 */
import { SearchSpaceError } from '@archspace/ir';
import { autoLabel, Label, type LabelLike } from '../label.js';
import type { ValueOf } from '../mutable.js';
import { cloneModule } from './clone-module.js';
import { InputChoice } from './input-choice.js';
import { LayerChoice } from './layer-choice.js';
import { Module } from './module.js';
import { LOOSE_END_CONCAT } from './loose-end-concat.js';
import { add, concat } from './ops/merge.js';
import { applyOp } from './op.js';
import type { Tensor } from './tensor.js';

/** Builds an operator for node `nodeIndex`, slot `opIndex`, reading `inputIndex` (`null` while unfrozen). */
export type CellOpFactory = (nodeIndex: number, opIndex: number, inputIndex: number | null) => Module;

/** Operator candidates: modules (copied per slot) or factories, as a list or a dict. */
export type CellOpCandidates =
  | readonly Module[]
  | Readonly<Record<string, Module>>
  | readonly CellOpFactory[]
  | Readonly<Record<string, CellOpFactory>>;

/** Transforms the predecessors before the nodes read them. */
export type CellPreprocessor = Module | ((inputs: Tensor[]) => Tensor[]);
/** Transforms the cell's output, given the processed predecessors. */
export type CellPostprocessor = Module | ((output: Tensor, inputs: Tensor[]) => Tensor | Tensor[]);

/** Options of {@link Cell}. */
export interface CellOptions {
  readonly numOpsPerNode?: number;
  readonly numPredecessors?: number;
  readonly merge?: 'all' | 'loose_end';
  readonly preprocessor?: CellPreprocessor;
  readonly postprocessor?: CellPostprocessor;
  readonly concatDim?: number;
  readonly label?: LabelLike;
}

/** The IR parameters of a loose-end merge before the Cell merge mutator resolves it. */
export interface LooseEndParameters extends Record<string, unknown> {
  readonly dim: number;
  /** The state index of each input of the node (predecessors excluded). */
  readonly nodeIndices: readonly number[];
  /** For every input choice of the cell: its label and the node it feeds. */
  readonly inputChoices: readonly { readonly label: string; readonly node: number }[];
}

/** The state indices no operator reads, given the input chosen in every slot. */
export function looseEnds(numPredecessors: number, numNodes: number, chosenInputs: readonly number[]): number[] {
  const used = new Set(chosenInputs);
  return Array.from({ length: numNodes }, (_, i) => numPredecessors + i).filter((i) => !used.has(i));
}

/**
 * A NAS cell. Labels: `{label}/input_{i}_{k}` (created first) and `{label}/op_{i}_{k}` for node `i`
 * (counted from `numPredecessors`) and slot `k`.
 *
 * @example
 * ```ts
 * const cell = new Cell([new nn.Conv2d(32, 32, 3, { padding: 1 }), new nn.MaxPool2d(3, { stride: 1, padding: 1 })], 4,
 *   { numPredecessors: 2, merge: 'loose_end', label: 'normal' });
 * // forward: cell.call([s0, s1])
 * ```
 */
export class Cell extends Module {
  /** `inputs[n][k]`: the input choice of node `numPredecessors + n`, slot `k`. */
  readonly inputs: readonly (readonly InputChoice[])[];
  /** `ops[n][k]`: the operator choice of node `numPredecessors + n`, slot `k`. */
  readonly ops: readonly (readonly LayerChoice[])[];
  readonly numNodes: number;
  readonly numOpsPerNode: number;
  readonly numPredecessors: number;
  readonly merge: 'all' | 'loose_end';
  readonly concatDim: number;
  readonly preprocessor: CellPreprocessor | undefined;
  readonly postprocessor: CellPostprocessor | undefined;
  /** The state indices concatenated into the output; loose ends are known only once frozen. */
  readonly outputNodeIndices: readonly number[];
  /** The cell's label. */
  readonly label: string;
  /** The factories, when candidates were given as factories. */
  readonly opFactories: Readonly<Record<string, CellOpFactory>> | undefined;
  /** Whether candidates were given as a list (names are indices) rather than a dict. */
  readonly candidatesAreList: boolean;

  constructor(opCandidates: CellOpCandidates, numNodes: number, options: CellOptions = {}) {
    super();
    const numOpsPerNode = options.numOpsPerNode ?? 1;
    const numPredecessors = options.numPredecessors ?? 1;
    for (const [name, value] of [['numNodes', numNodes], ['numOpsPerNode', numOpsPerNode], ['numPredecessors', numPredecessors]] as const) {
      if (!Number.isInteger(value) || value < 1) throw new SearchSpaceError({ code: 'invalid-cell', path: [name], expected: 'an integer ≥ 1', received: value });
    }
    const merge = options.merge ?? 'all';
    if (merge !== 'all' && merge !== 'loose_end') throw new SearchSpaceError({ code: 'invalid-cell', path: ['merge'], expected: '"all" or "loose_end"', received: merge });
    const label = autoLabel(options.label).path;
    const isList = Array.isArray(opCandidates);
    const entries: [string, unknown][] = isList ? (opCandidates as unknown[]).map((c, i) => [String(i), c]) : Object.entries(opCandidates);
    if (entries.length === 0) throw new SearchSpaceError({ code: 'empty-choice', path: [label], expected: 'at least one operator candidate', received: opCandidates });
    const factories = entries.every(([, c]) => typeof c === 'function' && !(c instanceof Module));
    if (!factories && !entries.every(([, c]) => c instanceof Module)) {
      throw new SearchSpaceError({ code: 'invalid-cell', path: [label], expected: 'operator candidates that are all modules or all factories', received: opCandidates });
    }
    this.label = label;
    this.opFactories = factories ? Object.freeze(Object.fromEntries(entries) as Record<string, CellOpFactory>) : undefined;
    this.candidatesAreList = isList;
    const inputs: (readonly InputChoice[])[] = [];
    const ops: (readonly LayerChoice[])[] = [];
    for (let n = 0; n < numNodes; n++) {
      const node = numPredecessors + n;
      const nodeInputs: InputChoice[] = [];
      const nodeOps: LayerChoice[] = [];
      for (let k = 0; k < numOpsPerNode; k++) {
        nodeInputs.push(new InputChoice(node, 1, 'sum', { label: Label.absolute(`${label}/input_${node}_${k}`) }));
        nodeOps.push(new LayerChoice(this.buildCandidates(entries, node, k, null, isList), { label: Label.absolute(`${label}/op_${node}_${k}`) }));
      }
      inputs.push(Object.freeze(nodeInputs));
      ops.push(Object.freeze(nodeOps));
    }
    this.inputs = Object.freeze(inputs);
    this.ops = Object.freeze(ops);
    this.numNodes = numNodes;
    this.numOpsPerNode = numOpsPerNode;
    this.numPredecessors = numPredecessors;
    this.merge = merge;
    this.concatDim = options.concatDim ?? 1;
    this.preprocessor = options.preprocessor;
    this.postprocessor = options.postprocessor;
    this.outputNodeIndices = Object.freeze(Array.from({ length: numNodes }, (_, i) => numPredecessors + i));
  }

  private buildCandidates(entries: readonly [string, unknown][], node: number, slot: number, input: number | null, isList: boolean): Module[] | Record<string, Module> {
    const built = entries.map(([name, c]) => [name, c instanceof Module ? cloneModule(c) : (c as CellOpFactory)(node, slot, input)] as const);
    return isList ? built.map(([, m]) => m) : Object.fromEntries(built);
  }

  /**
   * @inheritdoc The cell with every choice frozen; for factory candidates, only the chosen factory
   * is called again, with the chosen input index, and loose ends are resolved.
   */
  override materialize(valueOf: ValueOf): Module {
    const frozen = super.materialize(valueOf) as Cell;
    if (frozen === this) return this;
    const chosen = this.inputs.map((slots) => slots.map((choice) => (valueOf(choice) as number[])[0]!));
    const factories = this.opFactories;
    if (factories) {
      const ops = this.ops.map((slots, n) =>
        Object.freeze(
          slots.map((choice, k) => {
            const factory = factories[String(valueOf(choice))]!;
            return factory(this.numPredecessors + n, k, chosen[n]![k]!).materialize(valueOf);
          }),
        ),
      );
      Object.defineProperty(frozen, 'ops', { value: Object.freeze(ops), enumerable: true });
    }
    if (this.merge === 'loose_end') {
      Object.defineProperty(frozen, 'outputNodeIndices', {
        value: Object.freeze(looseEnds(this.numPredecessors, this.numNodes, chosen.flat())),
        enumerable: true,
      });
    }
    return frozen;
  }

  /** Runs the cell on `numPredecessors` tensors, given as a list or one by one. */
  forward(...args: (Tensor | Tensor[])[]): Tensor | Tensor[] {
    const given = args.length === 1 && Array.isArray(args[0]) ? args[0] : (args as Tensor[]);
    if (given.length !== this.numPredecessors) {
      throw new SearchSpaceError({ code: 'wrong-input-count', path: [this.label], expected: `${this.numPredecessors} predecessors`, received: given.length });
    }
    const pre = this.preprocessor;
    const processed: Tensor[] = pre === undefined ? [...given] : pre instanceof Module ? (pre.call(given) as Tensor[]) : pre(given);
    const states = [...processed];
    this.ops.forEach((slots, n) => {
      const terms = slots.map((op, k) => op.call(this.inputs[n]![k]!.call(states)) as Tensor);
      states.push(terms.length === 1 ? terms[0]! : add(...terms));
    });
    const output = this.mergeStates(states);
    const post = this.postprocessor;
    if (post === undefined) return output;
    return post instanceof Module ? (post.call(output, processed) as Tensor | Tensor[]) : post(output, processed);
  }

  private mergeStates(states: Tensor[]): Tensor {
    const frozenOrAll = this.merge === 'all' || !this.ops.some((slots) => slots.some((op) => op instanceof LayerChoice)) || !this.inputs.some((s) => s.some((c) => c instanceof InputChoice));
    if (frozenOrAll) return concat(this.outputNodeIndices.map((i) => states[i]!), this.concatDim);
    const parameters: LooseEndParameters = {
      dim: this.concatDim,
      nodeIndices: this.outputNodeIndices,
      inputChoices: this.inputs.flatMap((slots, n) => slots.map((choice) => ({ label: choice.label, node: this.numPredecessors + n }))),
    };
    return applyOp(LOOSE_END_CONCAT, parameters, this.outputNodeIndices.map((i) => states[i]!), true);
  }
}
