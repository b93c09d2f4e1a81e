/**
 * A DARTS-like cell space: a stem and two searchable cells (4 nodes, 2 operators per node, inputs
 * chosen among the two previous cells and earlier nodes, the eight DARTS operators). Prints the
 * space's size, one sampled architecture, and its IR as JSON.
 *
 * Run: `node examples/dist/darts-cell-space.js` after `npm run build`.
 */
import { dumpModel } from '@archspace/ir';
import { Cell, ModelSpace, type Module, type Tensor, applySample, createRng, nn, toModel } from '@archspace/mutables';

const C = 16;
const NODES = 4;

/** The DARTS operators for one cell slot, by name. */
function dartsCandidates(): Record<string, Module> {
  return Object.fromEntries(nn.DARTS_OP_NAMES.map((name) => [name, nn.DARTS_OPS[name](C, 1)]));
}

/** Stem, two cells that read the previous two states, and a classifier. */
export class DartsLikeSpace extends ModelSpace {
  static override labelPrefix = 'darts';
  readonly stem = new nn.Sequential(new nn.Conv2d(3, C, 3, { padding: 1, bias: false }), new nn.BatchNorm2d(C));
  readonly cells = [0, 1].map((i) => new Cell(dartsCandidates(), NODES, { numOpsPerNode: 2, numPredecessors: 2, label: `cell${i}` }));
  readonly reduce = [0, 1].map(() => new nn.Conv2d(NODES * C, C, 1, { bias: false }));
  readonly pool = new nn.AdaptiveAvgPool2d(1);
  readonly flatten = new nn.Flatten();
  readonly classifier = new nn.Linear(C, 10);

  forward(x: Tensor): Tensor {
    let previous = this.stem.call(x) as Tensor;
    let current = previous;
    this.cells.forEach((cell, i) => {
      const out = this.reduce[i]!.call(cell.call([current, previous])) as Tensor;
      previous = current;
      current = out;
    });
    return this.classifier.call(this.flatten.call(this.pool.call(current)));
  }
}

/** Prints the size, one architecture and its IR. */
export function main(print: (line: string) => void = console.log): void {
  const space = DartsLikeSpace.create();
  print(`DARTS-like cell space: ${Object.keys(space.simplify()).length} decisions, ${space.size.toExponential(3)} architectures`);
  const sample = space.random(createRng(7));
  print(`one architecture (seed 7): ${JSON.stringify(sample)}`);
  const { model, mutators } = toModel(space, [[null, 3, 32, 32]]);
  const frozen = applySample(model, mutators, sample);
  print(`its IR as JSON (${frozen.graphs.length} graphs):`);
  print(JSON.stringify(dumpModel(frozen)));
}

if (import.meta.url === `file://${process.argv[1]}`) main();
