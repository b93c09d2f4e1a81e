/**
 * A DARTS-like cell space whose widths are ValueChoices, for one-shot tests and benchmarks: every
 * kind of choice a one-shot supernet searches, at sizes that train in seconds on the CPU backend.
 *
 * - `width`: the stem's channel count (a ValueChoice), kept by every cell and read by the classifier;
 * - `depth`: how many cells a Repeat stacks (1 to `maxCells`);
 * - per cell `i` and node `j`: `cell{i}/op{j}`, a LayerChoice of a ReLU–conv–BN whose kernel size
 *   `cell{i}/kernel{j}` is a ValueChoice (3 or 5), a 3×3 max pool, a 3×3 average pool or the
 *   identity; and, for every node after the first, `cell{i}/in{j}`, an InputChoice of the node's
 *   input among the cell's input and the nodes before it. A cell outputs the sum of its nodes.
 */
import { InputChoice, Label, LayerChoice, ModelSpace, Module, Repeat, type Tensor, ValueChoice, nn } from '@archspace/mutables';

/** Options of {@link DartsLikeSpace.create}. */
export interface DartsLikeOptions {
  /** The widths the stem may have (default `[2, 4]`). */
  readonly widths?: readonly number[];
  /** The most cells the Repeat stacks (default 2). */
  readonly maxCells?: number;
  /** Nodes per cell (default 2). */
  readonly nodes?: number;
  /** Classes of the classifier (default 4). */
  readonly numClasses?: number;
}

/** One cell: `nodes` nodes, each an operation choice on an input choice. */
export class DartsLikeCell extends Module {
  readonly ops: LayerChoice[];
  readonly inputs: InputChoice[];

  constructor(width: ValueChoice<number>, nodes: number, prefix: string) {
    super();
    this.ops = Array.from({ length: nodes }, (_, j) => {
      const kernel = new ValueChoice([3, 5], { label: Label.absolute(`${prefix}/kernel${j}`) });
      const conv = new nn.Sequential(new nn.ReLU(), new nn.Conv2d(width, width, kernel, { padding: kernel.floorDiv(2), bias: false }), new nn.BatchNorm2d(width));
      const candidates = { conv, max_pool: new nn.MaxPool2d(3, { stride: 1, padding: 1 }), avg_pool: new nn.AvgPool2d(3, { stride: 1, padding: 1, countIncludePad: false }), skip: new nn.Identity() };
      return new LayerChoice(candidates, { label: Label.absolute(`${prefix}/op${j}`) });
    });
    this.inputs = Array.from({ length: nodes - 1 }, (_, j) => new InputChoice(j + 2, 1, 'sum', { label: Label.absolute(`${prefix}/in${j + 1}`) }));
  }

  /** Node `j` applies its op to its chosen input (node 0 to the cell's input); the cell sums its nodes. */
  forward(x: Tensor): Tensor {
    const states: Tensor[] = [x];
    this.ops.forEach((op, j) => {
      const input = j === 0 ? x : (this.inputs[j - 1]!.call(states.slice(0, j + 1)) as Tensor);
      states.push(op.call(input) as Tensor);
    });
    const nodes = states.slice(1);
    return nodes.length === 1 ? nodes[0]! : nn.add(...nodes);
  }
}

/**
 * A stem of ValueChoice width, a Repeat of {@link DartsLikeCell}s of chosen depth and a classifier.
 *
 * @example
 * ```ts
 * const space = DartsLikeSpace.create({ widths: [4, 8], maxCells: 3 });
 * const { sample } = await oneShot(space, { strategy: new Darts(), data: smallShapes(), batchSize: 16 });
 * space.freeze(sample); // e.g. width 8, two cells
 * ```
 */
export class DartsLikeSpace extends ModelSpace {
  readonly width: ValueChoice<number>;
  readonly stem: nn.Sequential;
  readonly cells: Repeat;
  readonly head: nn.Sequential;

  constructor(options: DartsLikeOptions = {}) {
    super();
    const { widths = [2, 4], maxCells = 2, nodes = 2, numClasses = 4 } = options;
    this.width = new ValueChoice(widths, { label: Label.absolute('width') });
    this.stem = new nn.Sequential(new nn.Conv2d(3, this.width, 3, { padding: 1, bias: false }), new nn.BatchNorm2d(this.width));
    this.cells = new Repeat((i) => new DartsLikeCell(this.width, nodes, `cell${i}`), [1, maxCells], { label: Label.absolute('depth') });
    this.head = new nn.Sequential(new nn.AdaptiveAvgPool2d(1), new nn.Flatten(), new nn.Linear(this.width, numClasses));
  }

  /** Stem, cells, classifier. */
  forward(x: Tensor): Tensor {
    return this.head.call(this.cells.call(this.stem.call(x))) as Tensor;
  }
}
