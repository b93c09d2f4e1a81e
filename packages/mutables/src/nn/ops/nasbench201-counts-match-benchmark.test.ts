import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Module } from '../module.js';
import type { Tensor } from '../tensor.js';
import { trace } from '../trace.js';
import { ReLU } from './activations.js';
import { BatchNorm2d } from './batchnorm.js';
import { Conv2d } from './conv2d.js';
import { Flatten } from './flatten.js';
import { Linear } from './linear.js';
import { NasBench201FrozenCell } from './nasbench201-frozen-cell.js';
import { ResNetBasicBlock } from './nasbench201-ops.js';
import { AdaptiveAvgPool2d } from './pooling.js';
import { Sequential } from './sequential.js';

// The table lives in shared/ beside the repository root (../shared/data/nasbench201 from it).
const tableFile = new URL('../../../../../../shared/data/nasbench201/nb201.csv', import.meta.url);
const haveTable = existsSync(tableFile);

/** NAS-Bench-201's CIFAR-10 network: stem, 3 stages of `cellsPerStage` cells, residual reductions, head. */
class NasBench201Network extends Module {
  readonly stem: Sequential;
  readonly cells: readonly Module[];
  readonly lastact: Sequential;
  readonly globalPooling = new AdaptiveAvgPool2d(1);
  readonly flatten = new Flatten();
  readonly classifier: Linear;

  constructor(arch: string, { channels = 16, cellsPerStage = 5, numClasses = 10 } = {}) {
    super();
    this.stem = new Sequential(new Conv2d(3, channels, 3, { padding: 1, bias: false }), new BatchNorm2d(channels));
    const cells: Module[] = [];
    let c = channels;
    for (let stage = 0; stage < 3; stage++) {
      if (stage > 0) {
        cells.push(new ResNetBasicBlock(c, 2 * c, 2));
        c *= 2;
      }
      for (let i = 0; i < cellsPerStage; i++) cells.push(new NasBench201FrozenCell(arch, c, c));
    }
    this.cells = cells;
    this.lastact = new Sequential(new BatchNorm2d(c), new ReLU());
    this.classifier = new Linear(c, numClasses);
  }

  forward(x: Tensor): Tensor {
    let y: Tensor = this.stem.call(x);
    for (const cell of this.cells) y = cell.call(y);
    return this.classifier.call(this.flatten.call(this.globalPooling.call(this.lastact.call(y))));
  }
}

interface Row {
  readonly index: number;
  readonly arch: string;
  readonly params: number;
  readonly flops: number;
}

function readTable(): Row[] {
  const [header, ...lines] = readFileSync(tableFile, 'utf8').trim().split('\n');
  const columns = header!.split(',');
  const at = (name: string) => columns.indexOf(name);
  const [index, arch, params, flops] = [at('index'), at('arch'), at('params_c10_M'), at('flops_c10_M')];
  return lines.map((line) => {
    const cells = line.split(',');
    return { index: Number(cells[index!]), arch: cells[arch!]!, params: Number(cells[params!]), flops: Number(cells[flops!]) };
  });
}

const ALL_NONE = '|none~0|+|none~0|none~1|+|none~0|none~1|none~2|';
const ALL_CONV3 = '|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|';

describe('NAS-Bench-201 CIFAR-10 network', () => {
  it('maps [null, 3, 32, 32] to [null, 10] and records every edge, none included', () => {
    const traced = trace(new NasBench201Network(ALL_NONE), [[null, 3, 32, 32]]);
    expect(traced.outputShapes).toEqual([[null, 10]]);
    const zeros = traced.root.nodes.filter((node) => node.type === 'Zero');
    expect(zeros).toHaveLength(15 * 6);
    expect(zeros[0]!.name).toBe('cells.0.edges.0_1');
  });

  it('costs what the benchmark README documents for all-none and all-conv_3x3 cells', () => {
    const none = trace(new NasBench201Network(ALL_NONE), [[null, 3, 32, 32]]);
    expect(none.parameterCount()).toBe(73_306);
    expect(none.flops()).toBe(7_783_050);
    const conv = trace(new NasBench201Network(ALL_CONV3), [[null, 3, 32, 32]]);
    expect(conv.parameterCount()).toBe(73_306 + 6 * 243_040);
    expect(conv.flops()).toBe(7_783_050 + 6 * 35_389_440);
  });

  it.skipIf(!haveTable)(
    `matches params_c10_M and flops_c10_M of nb201.csv${haveTable ? '' : ` (skipped: ${tableFile.pathname} is absent)`}`,
    () => {
      const table = readTable();
      expect(table).toHaveLength(15_625);
      // Every 25th arch plus the extremes (627 rows, all five ops in every position); every row
      // with ARCHSPACE_NB201_ALL=1 (about 30 s).
      const all = process.env.ARCHSPACE_NB201_ALL === '1';
      const rows = table.filter((row) => all || row.index % 25 === 0 || row.arch === ALL_NONE || row.arch === ALL_CONV3);
      expect(rows.some((row) => row.arch === ALL_NONE) && rows.some((row) => row.arch === ALL_CONV3)).toBe(true);
      let maxParamsError = 0;
      let maxFlopsError = 0;
      for (const row of rows) {
        const traced = trace(new NasBench201Network(row.arch), [[null, 3, 32, 32]]);
        const params = traced.parameterCount()! / 1e6;
        const flops = traced.flops()! / 1e6;
        maxParamsError = Math.max(maxParamsError, Math.abs(params - row.params));
        maxFlopsError = Math.max(maxFlopsError, Math.abs(flops - row.flops));
        if (Math.abs(params - row.params) > 1e-6 || Math.abs(flops - row.flops) > 1e-5) {
          expect.fail(`arch ${row.index} ${row.arch}: params ${params} vs ${row.params}, flops ${flops} vs ${row.flops}`);
        }
      }
      expect(rows.length).toBeGreaterThanOrEqual(200);
      expect(maxParamsError).toBeLessThan(1e-9);
      expect(maxFlopsError).toBeLessThan(1e-9);
    },
  );
});
