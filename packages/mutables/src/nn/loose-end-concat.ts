/**
 * The merge of a `loose_end` Cell before its input choices are decided: it reads every node and
 * carries which input choice feeds which node, so the Cell merge mutator can keep only the nodes no
 * operator reads and turn it into a plain `concat`.
 */
import { CONCAT } from './ops/merge.js';
import { defineOp } from './op.js';

/** The `LooseEndConcat` operation (a concat of every node until the cell is frozen). */
export const LOOSE_END_CONCAT = defineOp<{ dim: number }>({
  type: 'LooseEndConcat',
  arity: 'variadic',
  inferShape: (inputs, params) => CONCAT.inferShape(inputs, params).map((d, i) => (i === params.dim ? null : d)),
});
