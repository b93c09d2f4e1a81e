/** Shape helpers shared by modules whose output shape depends on a choice. */
import type { Dim, Shape } from './tensor.js';

/** The shape every candidate agrees on, with `null` where they differ. */
export function mergeShapes(shapes: readonly Shape[]): Shape {
  const first = shapes[0];
  if (!first) return [];
  if (shapes.some((s) => s.length !== first.length)) return first.map(() => null);
  return first.map((dim, i) => (shapes.every((s) => s[i] === dim) ? dim : null));
}

/** Per output slot, the shape all candidates agree on; candidates must have as many outputs. */
export function mergeOutputShapes(outputs: readonly (readonly Shape[])[], what: string): Shape[] {
  const count = outputs[0]?.length ?? 0;
  if (outputs.some((o) => o.length !== count)) {
    throw new TypeError(`${what}: every candidate must return as many tensors (${outputs.map((o) => o.length).join(' vs ')})`);
  }
  return Array.from({ length: count }, (_, slot) => mergeShapes(outputs.map((o) => o[slot]!)));
}

/** The sum of known sizes along `axis`, or `null`. */
export function sumAlong(shapes: readonly Shape[], axis: number): Dim {
  let total = 0;
  for (const s of shapes) {
    const d = s[axis];
    if (d === null || d === undefined) return null;
    total += d;
  }
  return total;
}
