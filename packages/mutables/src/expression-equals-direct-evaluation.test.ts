import fc from 'fast-check';
import { expect, it } from 'vitest';
import { Categorical } from './categorical.js';
import type { Sample } from './decision.js';
import { lazyMax, type SymbolicMutable } from './expression.js';
import { Label } from './label.js';
import { pyAdd, pyFloorDiv, pyMod, pyMul, pySub } from './python-ops.js';

type Tree = { leaf: number } | { op: 'add' | 'sub' | 'mul' | 'floorDiv' | 'mod' | 'max' | 'lt'; left: Tree; right: Tree } | { constant: number };

const LEAVES = [
  [1, 2, 3],
  [-4, 5],
  [7, 9, 11],
] as const;

const arbTree: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ leaf: fc.constantFrom(0, 1, 2) }),
    fc.record({ constant: fc.integer({ min: 1, max: 5 }) }),
    fc.record({
      op: fc.constantFrom('add', 'sub', 'mul', 'floorDiv', 'mod', 'max', 'lt'),
      left: tie('tree'),
      right: tie('tree'),
    }),
  ),
})).tree;

const DIRECT = { add: pyAdd, sub: pySub, mul: pyMul, floorDiv: pyFloorDiv, mod: pyMod };

function build(tree: Tree, leaves: readonly SymbolicMutable[]): unknown {
  if ('leaf' in tree) return leaves[tree.leaf];
  if ('constant' in tree) return tree.constant;
  const left = build(tree.left, leaves);
  const right = build(tree.right, leaves);
  const symbolic = (x: unknown) => (typeof x === 'number' ? new Categorical([x], { label: Label.absolute(`const${x}`) }) : (x as SymbolicMutable));
  const l = symbolic(left);
  if (tree.op === 'max') return lazyMax(l, right);
  if (tree.op === 'floorDiv' || tree.op === 'mod') return l[tree.op](symbolic(right).abs().add(1));
  return l[tree.op](right);
}

function direct(tree: Tree, sample: Sample): unknown {
  if ('leaf' in tree) return sample[`leaf${tree.leaf}`];
  if ('constant' in tree) return tree.constant;
  const l = direct(tree.left, sample) as number;
  const r = direct(tree.right, sample) as number;
  switch (tree.op) {
    case 'max':
      return r > l ? r : l;
    case 'lt':
      return l < r;
    case 'floorDiv':
    case 'mod':
      return DIRECT[tree.op](l, Math.abs(r) + 1);
    default:
      return DIRECT[tree.op](l, r);
  }
}

it('gives, for every entry of allOptions(), the value of a direct evaluation at that grid point', () => {
  fc.assert(
    fc.property(arbTree, (tree) => {
      const leaves = LEAVES.map((values, i) => new Categorical([...values], { label: Label.absolute(`leaf${i}`) }));
      const expression = build(tree, leaves);
      if (!(expression instanceof Object) || !('allOptions' in expression)) return;
      const symbolic = expression as SymbolicMutable;
      const samples = [...symbolic.grid()];
      const options = symbolic.allOptions();
      expect(options).toHaveLength(samples.length);
      samples.forEach((sample, i) => {
        const value = options[i];
        const expected = direct(tree, sample);
        expect(typeof value === 'boolean' ? value : Number(value)).toEqual(typeof expected === 'boolean' ? expected : Number(expected));
      });
    }),
    { numRuns: 300 },
  );
});
