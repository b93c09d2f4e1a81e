/** Functional merges of several tensors: element-wise sum and concatenation. */
import { applyOp, defineOp, shapeError } from '../op.js';
import type { Dim, Shape, Tensor } from '../tensor.js';

function sameShape(type: string, shapes: readonly Shape[]): Shape {
  const first = shapes[0]!;
  for (const shape of shapes) {
    if (shape.length !== first.length) shapeError(type, `shapes of equal rank (${first.length})`, shape);
    shape.forEach((d, i) => {
      const f = first[i];
      if (d !== null && f !== null && f !== undefined && d !== f) shapeError(type, `shapes that agree (${JSON.stringify(first)})`, shape);
    });
  }
  return first.map((d, i) => (d !== null ? d : (shapes.find((s) => s[i] !== null)?.[i] ?? null)));
}

/** The `add` operation: element-wise sum of tensors of one shape. */
export const ADD = defineOp<Record<string, never>>({ type: 'add', arity: 'variadic', inferShape: (inputs) => sameShape('add', inputs) });

/** The `concat` operation: joins tensors along `dim`. */
export const CONCAT = defineOp<{ dim: number }>({
  type: 'concat',
  arity: 'variadic',
  inferShape(inputs, { dim }) {
    const first = inputs[0]!;
    if (dim === null) shapeError('concat', 'a fixed dimension (not a choice)', dim);
    const axis = dim < 0 ? first.length + dim : dim;
    if (axis < 0 || axis >= first.length) shapeError('concat', `a dimension within rank ${first.length}`, dim);
    let size: Dim = 0;
    for (const shape of inputs) {
      if (shape.length !== first.length) shapeError('concat', `shapes of equal rank (${first.length})`, shape);
      shape.forEach((d, i) => {
        if (i !== axis && d !== null && first[i] !== null && d !== first[i]) shapeError('concat', `shapes that agree except on dim ${dim}`, shape);
      });
      size = size === null || shape[axis] === null ? null : size + shape[axis]!;
    }
    return first.map((d, i) => (i === axis ? size : d));
  },
});

/** Element-wise sum of one or more tensors of the same shape. */
export function add(...tensors: Tensor[]): Tensor {
  return applyOp(ADD, {}, tensors, true);
}

/** Concatenates tensors along `dim` (default 1, the channels). */
export function concat(tensors: readonly Tensor[], dim = 1): Tensor {
  return applyOp(CONCAT, { dim }, tensors, true);
}
