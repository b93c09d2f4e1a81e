/**
 * The NAS-Bench-201 model space, as the reference's hub builds it: a stem, three stages of cells with
 * residual reductions between them, and a classifier. Every cell has the label `cell`, so one
 * architecture (six edge ops, keys `cell/0_1` … `cell/2_3`) is shared by all cells.
 */
import { Label } from '../label.js';
import { ModelSpace } from '../nn/model-space.js';
import type { Module } from '../nn/module.js';
import { NasBench201Cell, nasBench201EdgeLabel } from '../nn/nasbench201-cell.js';
import { ReLU } from '../nn/ops/activations.js';
import { BatchNorm2d } from '../nn/ops/batchnorm.js';
import { Conv2d } from '../nn/ops/conv2d.js';
import { Flatten } from '../nn/ops/flatten.js';
import { Linear } from '../nn/ops/linear.js';
import { NASBENCH201_OPS, type NasBench201OpName } from '../nn/ops/nasbench201-ops.js';
import { ResNetBasicBlock } from '../nn/ops/nasbench201-ops.js';
import { AdaptiveAvgPool2d } from '../nn/ops/pooling.js';
import { Sequential } from '../nn/ops/sequential.js';
import type { Tensor } from '../nn/tensor.js';
import { parseNasBench201Arch } from '../nn/ops/nasbench201-frozen-cell.js';
import type { Sample } from '../decision.js';

/** Options of {@link NasBench201Space}. */
export interface NasBench201SpaceOptions {
  /** Width of the first stage (16 in the benchmark). */
  readonly channels?: number;
  /** Cells per stage (5 in the benchmark). */
  readonly cellsPerStage?: number;
  /** Classes of the classifier (10 for CIFAR-10). */
  readonly numClasses?: number;
  /** Channels of the input images (3, RGB, in the benchmark; 1 for grayscale such as Fashion-MNIST). */
  readonly inputChannels?: number;
  /** Builds each cell of a stage `channels` wide; a searchable cell labelled `cell` by default. */
  readonly cell?: (channels: number) => Module;
}

/** The six edges of a NAS-Bench-201 cell, in the benchmark's order. */
export const NASBENCH201_EDGES = ['0_1', '0_2', '1_2', '0_3', '1_3', '2_3'] as const;

/** The label every cell of the hub's network shares. */
const CELL_LABEL = 'cell';

/** The sample key of `edge` (`"0_1"` …) in the hub's network: `cell/0_1` …. */
function cellEdgeLabel(edge: string): string {
  const [from, to] = edge.split('_').map(Number) as [number, number];
  return nasBench201EdgeLabel(CELL_LABEL, from, to);
}

/**
 * The NAS-Bench-201 network with a searchable cell: 15,625 architectures.
 *
 * @example
 * ```ts
 * const space = NasBench201Space.create();
 * const net = space.freeze(nasBench201Sample('|nor_conv_3x3~0|+|none~0|skip_connect~1|+|none~0|none~1|avg_pool_3x3~2|'));
 * ```
 */
export class NasBench201Space extends ModelSpace {
  static override labelPrefix = 'nasbench201';
  readonly stem: Sequential;
  readonly cells: readonly Module[];
  readonly lastact: Sequential;
  readonly globalPooling = new AdaptiveAvgPool2d(1);
  readonly flatten = new Flatten();
  readonly classifier: Linear;

  constructor(options: NasBench201SpaceOptions = {}) {
    super();
    const channels = options.channels ?? 16;
    const perStage = options.cellsPerStage ?? 5;
    const makeCell = options.cell ?? ((c: number) => new NasBench201Cell(NASBENCH201_OPS, c, c, { label: Label.absolute(CELL_LABEL) }));
    this.stem = new Sequential(new Conv2d(options.inputChannels ?? 3, channels, 3, { padding: 1, bias: false }), new BatchNorm2d(channels));
    const cells: Module[] = [];
    let c = channels;
    for (let stage = 0; stage < 3; stage++) {
      if (stage > 0) {
        cells.push(new ResNetBasicBlock(c, 2 * c, 2));
        c *= 2;
      }
      for (let i = 0; i < perStage; i++) cells.push(makeCell(c));
    }
    this.cells = cells;
    this.lastact = new Sequential(new BatchNorm2d(c), new ReLU());
    this.classifier = new Linear(c, options.numClasses ?? 10);
  }

  /** Stem, cells, last activation, pooling, classifier. */
  forward(x: Tensor): Tensor {
    let y = this.stem.call(x) as Tensor;
    for (const cell of this.cells) y = cell.call(y) as Tensor;
    return this.classifier.call(this.flatten.call(this.globalPooling.call(this.lastact.call(y))));
  }
}

/** The sample (`{'cell/0_1': op, …}`) of a benchmark arch string (`|nor_conv_3x3~0|+|…|`). */
export function nasBench201Sample(arch: string): Sample {
  const edges = parseNasBench201Arch(arch);
  return Object.fromEntries(NASBENCH201_EDGES.map((edge) => [cellEdgeLabel(edge), edges[edge]]));
}

/** The benchmark arch string of a sample; op names get the benchmark's `nor_` prefix back. */
export function nasBench201ArchString(sample: Sample): string {
  const op = (edge: string) => {
    const name = sample[cellEdgeLabel(edge)] as NasBench201OpName;
    return name === 'conv_1x1' || name === 'conv_3x3' ? `nor_${name}` : name;
  };
  return `|${op('0_1')}~0|+|${op('0_2')}~0|${op('1_2')}~1|+|${op('0_3')}~0|${op('1_3')}~1|${op('2_3')}~2|`;
}
