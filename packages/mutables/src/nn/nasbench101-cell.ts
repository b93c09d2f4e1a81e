/**
 * NasBench101Cell: the NAS-Bench-101 cell, any DAG on at most `maxNumNodes` vertices and
 * `maxNumEdges` edges. Decisions (below the cell's label): `num_nodes` (prior ∝ 2^n), `op{i}` for
 * the interior vertices and `input{i}` (any subset of earlier vertices); only the first `num_nodes`
 * vertices are active, and the constraint `final` rejects cells with too many edges or whose input
 * does not reach the output. Frozen, the cell is pruned and its vertex widths computed as in the
 * benchmark.
 */
import { SearchSpaceError } from '@archspace/ir';
import { Categorical } from '../categorical.js';
import { CategoricalMultiple } from '../categorical-multiple.js';
import { CONSTRAINT, type ConstraintNode, type Domain, type Sample, type SpaceNode } from '../decision.js';
import { autoLabel, Label, type LabelLike } from '../label.js';
import type { ValueOf } from '../mutable.js';
import { checkNasBench101Cell, type NasBench101CheckOptions } from '../nasbench101/nasbench101-check.js';
import { pyRepr } from '../repr.js';
import type { Rng } from '../rng.js';
import { FrozenNasBench101Cell } from './nasbench101-frozen-cell.js';
import { Module } from './module.js';
import { ModuleDecision } from './module-decision.js';
import { activeRecorder } from './recorder.js';
import type { Tensor } from './tensor.js';

/** Builds a vertex operation for `numFeatures` channels. */
export type NasBench101OpFactory = (numFeatures: number) => Module;
/** Builds the projection of the cell input to a vertex's width. */
export type NasBench101Projection = (inFeatures: number, outFeatures: number) => Module;

/** Options of {@link NasBench101Cell}. */
export interface NasBench101CellOptions {
  /** Most vertices, input and output included (default 7). */
  readonly maxNumNodes?: number;
  /** Most edges (default 9). */
  readonly maxNumEdges?: number;
  /** The cell's label; decisions are `{label}/num_nodes`, `{label}/op{i}`, `{label}/input{i}`. */
  readonly label?: LabelLike;
}

/** The sampled (unpruned) matrix and op names of a NAS-Bench-101 cell sample. */
export interface NasBench101Sampled {
  readonly matrix: number[][];
  readonly ops: string[];
}

class NasBench101Constraint implements ConstraintNode {
  readonly [CONSTRAINT] = true as const;
  constructor(
    readonly label: string,
    private readonly cell: NasBench101Cell,
  ) {}

  children(): readonly SpaceNode[] {
    return [];
  }

  checkConstraint(sample: Sample) {
    const { matrix, ops } = this.cell.sampled((decision) => sample[decision.label]);
    const check = checkNasBench101Cell(matrix, ops, this.cell.checkOptions);
    return check.valid ? undefined : check.error.withPathPrefix(this.label);
  }
}

/**
 * The NAS-Bench-101 cell. The cell itself is the `num_nodes` decision: it activates the op and
 * input choices of the vertices that take part.
 *
 * @example
 * ```ts
 * const cell = new NasBench101Cell(
 *   { conv3x3: (c) => new nn.Conv2d(c, c, 3, { padding: 1 }), maxpool: (c) => new nn.MaxPool2d(3, { stride: 1, padding: 1 }) },
 *   16, 32, (i, o) => new nn.Conv2d(i, o, 1), { label: 'cell' });
 * ```
 */
export class NasBench101Cell extends ModuleDecision<number> {
  /** `opChoices[i - 1]` chooses the op of vertex `i`. */
  readonly opChoices: readonly Categorical[];
  /** `inputChoices[i - 1]` chooses the sources of vertex `i`. */
  readonly inputChoices: readonly CategoricalMultiple<number>[];
  /** The op names: indices for a list of factories, keys for a dict. */
  declare readonly opNames: readonly (string | number)[];
  declare readonly opFactories: ReadonlyMap<string | number, NasBench101OpFactory>;
  /** The factories keyed by the op names as strings (as the sampled ops name them). */
  declare readonly factoriesByName: ReadonlyMap<string, NasBench101OpFactory>;
  /** The limits and ops a sampled cell is checked against (NNI's rule: edges counted before pruning). */
  declare readonly checkOptions: NasBench101CheckOptions;
  declare readonly projection: NasBench101Projection;
  declare readonly cellLabel: string;
  declare readonly numNodes: Categorical<number>;
  readonly inFeatures: number;
  readonly outFeatures: number;
  readonly maxNumNodes: number;
  readonly maxNumEdges: number;
  readonly constraint: NasBench101Constraint;

  constructor(
    opCandidates: readonly NasBench101OpFactory[] | Readonly<Record<string, NasBench101OpFactory>>,
    inFeatures: number,
    outFeatures: number,
    projection: NasBench101Projection,
    options: NasBench101CellOptions = {},
  ) {
    const cellLabel = autoLabel(options.label).path;
    super(Label.absolute(`${cellLabel}/num_nodes`));
    const maxNumNodes = options.maxNumNodes ?? 7;
    const maxNumEdges = options.maxNumEdges ?? 9;
    if (!Number.isInteger(maxNumNodes) || maxNumNodes < 2) {
      throw new SearchSpaceError({ code: 'invalid-cell', path: [cellLabel, 'maxNumNodes'], expected: 'an integer ≥ 2', received: maxNumNodes });
    }
    const entries: [string | number, NasBench101OpFactory][] = Array.isArray(opCandidates)
      ? opCandidates.map((f, i) => [i, f])
      : Object.entries(opCandidates as Record<string, NasBench101OpFactory>);
    if (entries.length === 0) throw new SearchSpaceError({ code: 'empty-choice', path: [cellLabel], expected: 'at least one op factory', received: opCandidates });
    const sizes = Array.from({ length: maxNumNodes - 1 }, (_, i) => i + 2);
    const total = sizes.reduce((sum, n) => sum + 2 ** n, 0);
    const hidden = { enumerable: false };
    Object.defineProperties(this, {
      cellLabel: { value: cellLabel, ...hidden },
      opNames: { value: Object.freeze(entries.map(([name]) => name)), ...hidden },
      opFactories: { value: new Map(entries), ...hidden },
      factoriesByName: { value: new Map(entries.map(([name, f]) => [String(name), f])), ...hidden },
      checkOptions: {
        value: Object.freeze({ maxVertices: maxNumNodes, maxEdges: maxNumEdges, countEdges: 'original', ops: Object.freeze(entries.map(([name]) => String(name))) }),
        ...hidden,
      },
      projection: { value: projection, ...hidden },
      numNodes: { value: new Categorical(sizes, { label: Label.absolute(this.label), weights: sizes.map((n) => 2 ** n / total) }), ...hidden },
    });
    this.inFeatures = inFeatures;
    this.outFeatures = outFeatures;
    this.maxNumNodes = maxNumNodes;
    this.maxNumEdges = maxNumEdges;
    this.opChoices = Object.freeze(
      Array.from({ length: maxNumNodes - 2 }, (_, i) => new Categorical([...this.opNames], { label: Label.absolute(`${cellLabel}/op${i + 1}`) })),
    );
    this.inputChoices = Object.freeze(
      Array.from({ length: maxNumNodes - 1 }, (_, i) =>
        new CategoricalMultiple(Array.from({ length: i + 1 }, (_, k) => k), { label: Label.absolute(`${cellLabel}/input${i + 1}`) }),
      ),
    );
    this.constraint = new NasBench101Constraint(`${cellLabel}/final`, this);
  }

  /** The sampled matrix and ops (before pruning) for the values `valueOf` gives. */
  sampled(valueOf: ValueOf): NasBench101Sampled {
    const n = valueOf(this) as number;
    const matrix = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    for (let i = 1; i < n; i++) for (const k of valueOf(this.inputChoices[i - 1]!) as number[]) matrix[k]![i] = 1;
    const ops = ['input', ...Array.from({ length: n - 2 }, (_, i) => String(valueOf(this.opChoices[i]!))), 'output'];
    return { matrix, ops };
  }

  /** @inheritdoc */
  get domain(): Domain {
    return this.numNodes.domain;
  }
  /** @inheritdoc */
  get valueCount(): number {
    return this.numNodes.valueCount;
  }
  /** @inheritdoc */
  problemWith(value: unknown): string | undefined {
    return this.numNodes.problemWith(value);
  }
  /** @inheritdoc */
  drawValue(rng: Rng): number {
    return this.numNodes.drawValue(rng);
  }
  /** @inheritdoc */
  defaultValue(): number {
    return this.numNodes.defaultValue();
  }
  /** @inheritdoc */
  gridValues(): readonly number[] {
    return this.numNodes.gridValues();
  }
  /** @inheritdoc The constraint on the whole cell. */
  override children(): readonly SpaceNode[] {
    return [this.constraint];
  }
  /** @inheritdoc The op choices of interior vertices `1 … n-2` and the input choices of vertices `1 … n-1`. */
  activeChildren(n: number): readonly SpaceNode[] {
    return [...this.opChoices.slice(0, n - 2), ...this.inputChoices.slice(0, n - 1)];
  }
  /** @inheritdoc */
  conditionalChildren(): readonly SpaceNode[] {
    return [...this.opChoices, ...this.inputChoices];
  }

  /** @inheritdoc The pruned cell with its vertex widths computed. */
  override materialize(valueOf: ValueOf): Module {
    const { matrix, ops } = this.sampled(valueOf);
    const check = checkNasBench101Cell(matrix, ops, this.checkOptions);
    if (!check.valid) throw check.error.withPathPrefix(this.cellLabel);
    return new FrozenNasBench101Cell(check.pruned.matrix, check.pruned.ops, this.inFeatures, this.outFeatures, this.factoriesByName, this.projection);
  }

  /** Records one opaque node that the lowering rebuilds from the sample. */
  forward(x: Tensor): Tensor {
    const [n, , h, w] = x.shape;
    return activeRecorder('NasBench101Cell').record(
      'NasBench101Cell',
      { label: this.cellLabel, inFeatures: this.inFeatures, outFeatures: this.outFeatures },
      [x],
      [[n ?? null, this.outFeatures, h ?? null, w ?? null]],
      { label: this.cellLabel, module: this },
    )[0]!;
  }

  /** @inheritdoc */
  override equals(other: unknown): boolean {
    return (
      other instanceof NasBench101Cell &&
      other.cellLabel === this.cellLabel &&
      other.inFeatures === this.inFeatures &&
      other.outFeatures === this.outFeatures &&
      other.maxNumNodes === this.maxNumNodes &&
      other.maxNumEdges === this.maxNumEdges &&
      JSON.stringify(other.opNames) === JSON.stringify(this.opNames)
    );
  }

  /** @inheritdoc */
  describe(): string {
    return `NasBench101Cell(${this.inFeatures}, ${this.outFeatures}, max_num_nodes=${this.maxNumNodes}, max_num_edges=${this.maxNumEdges}, label=${pyRepr(this.cellLabel)})`;
  }
}
