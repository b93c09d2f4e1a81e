import { existsSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import {
  Cell,
  type FlatModel,
  ModelSpace,
  type Module,
  NasBench201Space,
  type Shape,
  type Tensor,
  applySample,
  createRng,
  flattenModel,
  nasBench201Sample,
  nn,
  toModel,
  trace,
} from '@archspace/mutables';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTfBackend } from '../backend.js';
import { compileModel, toFlatModel, trainableParameterCount } from './compile-model.js';

/** A DARTS-like cell space, small: a stem, two cells of three nodes over the eight DARTS ops, a classifier. */
class SmallDartsSpace extends ModelSpace {
  static override labelPrefix = 'darts';
  readonly stem = new nn.Sequential(new nn.Conv2d(3, 4, 3, { padding: 1, bias: false }), new nn.BatchNorm2d(4));
  readonly cells = [0, 1].map(
    (i) => new Cell(Object.fromEntries(nn.DARTS_OP_NAMES.map((name) => [name, nn.DARTS_OPS[name](4, 1)])), 3, { numOpsPerNode: 2, numPredecessors: 2, label: `cell${i}` }),
  );
  readonly reduce = [0, 1].map(() => new nn.Conv2d(12, 4, 1, { bias: false }));
  readonly head = new nn.Sequential(new nn.AdaptiveAvgPool2d(1), new nn.Flatten(), new nn.Linear(4, 10));

  forward(x: Tensor): Tensor {
    let previous = this.stem.call(x) as Tensor;
    let current = previous;
    this.cells.forEach((cell, i) => {
      const out = this.reduce[i]!.call(cell.call([current, previous])) as Tensor;
      previous = current;
      current = out;
    });
    return this.head.call(current);
  }
}

/** The running statistics TensorFlow.js also counts: two per channel of each batch norm. */
function runningStatistics(flat: FlatModel): number {
  return flat.nodes.filter((n) => n.type === 'BatchNorm2d').reduce((sum, n) => sum + 2 * (n.parameters['numFeatures'] as number), 0);
}

function checkSpace(space: Module, inputShapes: readonly Shape[], runs: number): void {
  const { model: lowered, mutators } = toModel(space, inputShapes);
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 1_000_000 }), (seed) => {
      const sample = space.random(createRng(seed));
      const frozen = space.freeze(sample);
      const ours = trace(frozen, inputShapes).parameterCount()!;
      const model = compileModel(frozen, { inputShapes });
      const flat = toFlatModel(frozen, inputShapes);
      try {
        expect(trainableParameterCount(model)).toBe(ours);
        expect(model.countParams()).toBe(ours + runningStatistics(flat));
      } finally {
        model.dispose();
      }
      // The IR path (lowered space + sample, flattened) compiles to the same network size.
      const viaIr = compileModel(flattenModel(applySample(lowered, mutators, sample)), { inputShapes });
      try {
        expect(trainableParameterCount(viaIr)).toBe(ours);
      } finally {
        viaIr.dispose();
      }
    }),
    { numRuns: runs },
  );
}

describe('parameter counts: trainable weights of the TensorFlow.js model = trace(...).parameterCount()', () => {
  beforeAll(async () => {
    await useTfBackend('cpu');
  });

  it('for random samples of the NAS-Bench-201 space (channels 8, one cell per stage)', () => {
    checkSpace(NasBench201Space.create({ channels: 8, cellsPerStage: 1 }), [[null, 3, 16, 16]], 40);
  });

  it('for random samples of a DARTS-like cell space', () => {
    checkSpace(SmallDartsSpace.create(), [[null, 3, 8, 8]], 40);
  });
});

// The NAS-Bench-201 table lives in shared/ beside the repository (../shared/data from its root).
const tableFile = new URL('../../../../../shared/data/nasbench201/nb201.csv', import.meta.url);
const haveTable = existsSync(tableFile);

describe('the compiled full-size NAS-Bench-201 network has the benchmark\'s parameter count', () => {
  it.skipIf(!haveTable)('for the first rows of nb201.csv (params_c10_M; skipped without ../shared/data)', async () => {
    await useTfBackend('cpu');
    const lines = readFileSync(tableFile, 'utf8').split('\n');
    const header = lines[0]!.split(',');
    const space = NasBench201Space.create();
    for (const line of lines.slice(1, 4)) {
      const row = line.split(',');
      const arch = row[header.indexOf('arch')]!;
      const model = compileModel(space.freeze(nasBench201Sample(arch)), { inputShapes: [[null, 3, 32, 32]] });
      expect(Math.abs(trainableParameterCount(model) / 1e6 - Number(row[header.indexOf('params_c10_M')]))).toBeLessThan(1e-6);
      model.dispose();
    }
  });
});
