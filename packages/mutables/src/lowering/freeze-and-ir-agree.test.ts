import fc from 'fast-check';
import { expect, it } from 'vitest';
import { dumpModel, loadModel, type ModelIr } from '@archspace/ir';
import { labelScope } from '../label.js';
import { createRng } from '../rng.js';
import { ValueChoice } from '../value-choice.js';
import { AutoActivation } from '../nn/auto-activation.js';
import { Cell } from '../nn/cell.js';
import { InputChoice } from '../nn/input-choice.js';
import { LayerChoice } from '../nn/layer-choice.js';
import { Module } from '../nn/module.js';
import { NasBench101Cell } from '../nn/nasbench101-cell.js';
import { NasBench201Cell } from '../nn/nasbench201-cell.js';
import { nn } from '../nn/index.js';
import { Repeat } from '../nn/repeat.js';
import type { Shape, Tensor } from '../nn/tensor.js';
import { trace } from '../nn/trace.js';
import { flattenModel } from './flatten-model.js';
import { applySample, toModel } from './to-model.js';

const C = 4;
const SHAPES: Shape[] = [[null, C, 6, 6]];

type BlockKind = 'conv' | 'widen' | 'layerChoice' | 'repeat' | 'input' | 'nb201' | 'nb101' | 'autoact';
interface Blueprint {
  readonly blocks: readonly { kind: BlockKind; variant: number }[];
  readonly cell: { nodes: number; opsPerNode: number; predecessors: number; looseEnd: boolean } | null;
}

const conv3 = () => new nn.Conv2d(C, C, 3, { padding: 1 });
const pool = () => new nn.MaxPool2d(3, { stride: 1, padding: 1 });

/** A block: a module plus how it reads the previous tensors. */
interface Block {
  readonly module: Module;
  readonly readsHistory: boolean;
}

function makeBlock(kind: BlockKind, variant: number): Block {
  switch (kind) {
    case 'conv': {
      const k = new ValueChoice([1, 3], { label: 'k' });
      return { module: new nn.Conv2d(C, C, k, { padding: k.floorDiv(2) }), readsHistory: false };
    }
    case 'widen': {
      const w = new ValueChoice([2, 8], { label: 'w' });
      return { module: new nn.Sequential(new nn.Conv2d(C, w, 1), new nn.ReLU(), new nn.Conv2d(w, C, 1)), readsHistory: false };
    }
    case 'layerChoice': {
      const nested = new LayerChoice([new nn.Identity(), new nn.Conv2d(C, C, 1)], { label: 'inner' });
      const candidates = variant % 2 === 0 ? [conv3(), pool(), nested] : { conv: conv3(), pool: pool(), nested };
      return { module: new LayerChoice(candidates, { label: 'op' }), readsHistory: false };
    }
    case 'repeat': {
      const depth = variant % 3 === 0 ? new ValueChoice([0, 2], { label: 'depth' }) : ([variant % 2, 2] as const);
      const blocks = variant % 2 === 0 ? (i: number) => new LayerChoice([conv3(), new nn.Identity()], { label: `layer${i}` }) : conv3();
      return { module: new Repeat(blocks, depth, { label: 'depth' }), readsHistory: false };
    }
    case 'input': {
      const reduction = variant % 2 === 0 ? 'sum' : 'mean';
      return { module: new InputChoice(2, variant % 3 === 0 ? 2 : 1, reduction, { label: 'in' }), readsHistory: true };
    }
    case 'nb201':
      return {
        module: new NasBench201Cell({ none: nn.NASBENCH201_OPS.none, skip_connect: nn.NASBENCH201_OPS.skip_connect, conv_1x1: nn.NASBENCH201_OPS.conv_1x1 }, C, C, { label: 'cell', numTensors: 3 }),
        readsHistory: false,
      };
    case 'nb101':
      return {
        module: new NasBench101Cell({ conv: (c: number) => new nn.Conv2d(c, c, 3, { padding: 1 }), pool: () => pool() }, C, C, (i: number, o: number) => new nn.Conv2d(i, o, 1), {
          label: 'cell',
          maxNumNodes: 2 + (variant % 3),
          maxNumEdges: 4,
        }),
        readsHistory: false,
      };
    case 'autoact':
      return { module: new AutoActivation(1, { label: 'act', unaryCandidates: ['Identity', 'Square'], binaryCandidates: ['Add', 'Max'] }), readsHistory: false };
  }
}

class RandomNet extends Module {
  readonly blocks: readonly Module[];
  readonly history: readonly boolean[];
  readonly cell: Cell | null;

  constructor(blueprint: Blueprint) {
    super();
    const made = blueprint.blocks.map(({ kind, variant }, i) => labelScope(`b${i}`, () => makeBlock(kind, variant)));
    this.blocks = made.map((b) => b.module);
    this.history = made.map((b) => b.readsHistory);
    const c = blueprint.cell;
    this.cell = c
      ? labelScope('tail', () => new Cell([conv3(), pool()], c.nodes, { numOpsPerNode: c.opsPerNode, numPredecessors: c.predecessors, merge: c.looseEnd ? 'loose_end' : 'all', label: 'cell' }))
      : null;
  }

  forward(x: Tensor) {
    const seen: Tensor[] = [x];
    let y = x;
    this.blocks.forEach((block, i) => {
      y = (this.history[i] ? block.call([y, seen[0]!]) : block.call(y)) as Tensor;
      seen.push(y);
    });
    if (!this.cell) return y;
    return this.cell.call(this.cell.numPredecessors === 1 ? [y] : [y, x]);
  }
}

const arbBlueprint: fc.Arbitrary<Blueprint> = fc.record({
  blocks: fc.array(
    fc.record({
      kind: fc.constantFrom<BlockKind>('conv', 'widen', 'layerChoice', 'repeat', 'input', 'nb201', 'nb101', 'autoact'),
      variant: fc.nat(5),
    }),
    { minLength: 1, maxLength: 4 },
  ),
  cell: fc.option(fc.record({ nodes: fc.integer({ min: 1, max: 3 }), opsPerNode: fc.integer({ min: 1, max: 2 }), predecessors: fc.integer({ min: 1, max: 2 }), looseEnd: fc.boolean() })),
});

function strip(model: Parameters<typeof flattenModel>[0]) {
  const flat = flattenModel(model);
  return { nodes: flat.nodes.map(({ type, parameters, inputs }) => ({ type, parameters, inputs })), outputs: flat.outputs };
}

it('freeze(sample) and the IR path give the same architecture for random spaces of every primitive', () => {
  fc.assert(
    fc.property(arbBlueprint, fc.integer(), (blueprint, seed) => {
      const space = new RandomNet(blueprint);
      const { model, mutators } = toModel(space, SHAPES);
      const base = JSON.stringify(dumpModel(model));
      const rng = createRng(seed);
      for (let i = 0; i < 3; i++) {
        const sample = space.random(rng);
        const viaIr = applySample(model, mutators, sample).lint();
        const viaFreeze = loadModel(trace(space.freeze(sample), SHAPES).toJSON() as unknown as ModelIr);
        expect(strip(viaIr)).toEqual(strip(viaFreeze));
      }
      expect(JSON.stringify(dumpModel(model))).toBe(base);
    }),
    { numRuns: 150 },
  );
});
