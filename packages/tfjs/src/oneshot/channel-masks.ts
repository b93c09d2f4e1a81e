/**
 * The masks that cut an operation compiled at its largest values down to a path's choices: a 0/1
 * vector over channels (1 for the first `w`) and a centred k×k window over the largest kernel. A
 * mixture weighs the masks of every value of the one choice deciding them (Σ pᵢ·maskᵢ).
 */
import { type Sample, isMutable } from '@archspace/mutables';
import type { Tensor, Tensor1D } from '@tensorflow/tfjs-core';
import { tf } from '../tf.js';
import { OneShotError } from './one-shot-error.js';
import { leafValues, leavesOf, valueUnder } from './parameter-values.js';
import { unsupportedPrimitive } from './unsupported-primitive.js';

/** A path as masks read it: a sample, or mixture weights by label. */
export type MaskPath = { readonly weights: ReadonlyMap<string, Tensor1D> } | { readonly sample: Sample };

/** The one label deciding `value` and `value` at each of that choice's values, for a mixture. */
export function mixtureValues(value: unknown, strategy: string, what: string): { readonly label: string; readonly values: readonly number[] } {
  const leaves = leavesOf(value);
  const values = leaves.length === 1 ? leafValues(leaves[0]!) : undefined;
  if (values === undefined) {
    throw unsupportedPrimitive('ValueChoice', leaves[0]?.label ?? String(value), strategy, ` (${String(value)}, ${what}): a mixture needs a value decided by one choice`);
  }
  const label = leaves[0]!.label;
  return { label, values: values.map((v) => valueUnder(value, { [label]: v }) as number) };
}

function chosen(value: unknown, sample: Sample, max: number, what: string): number {
  for (const leaf of leavesOf(value)) {
    const allowed = leafValues(leaf) ?? [];
    if (!allowed.includes(sample[leaf.label])) {
      throw new OneShotError({ code: 'invalid-sample', path: [leaf.label], expected: `a value of ValueChoice "${leaf.label}" (${what}): one of ${allowed.join(', ')}`, received: sample[leaf.label] });
    }
  }
  const v = valueUnder(value, sample);
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > max) {
    throw new OneShotError({ code: 'invalid-sample', path: leavesOf(value).map((l) => l.label), expected: `${what}: an integer from 0 to ${max}`, received: v });
  }
  return v;
}

/** Weights `p` (one per row) times `rows`: the mixture of the rows, shaped `shape`. */
function mix(p: Tensor1D, rows: readonly number[][], shape: readonly number[]): Tensor {
  const table = tf.tensor2d(rows as number[][], [rows.length, rows[0]!.length]);
  return tf.reshape(tf.matMul(tf.reshape(p, [1, rows.length]), table), [...shape]);
}

function channelRow(width: number, max: number): number[] {
  return Array.from({ length: max }, (_, c) => (c < width ? 1 : 0));
}

function kernelRow(size: number, max: number): number[] {
  const start = (max - size) / 2;
  const inside = (i: number) => i >= start && i < start + size;
  return Array.from({ length: max * max }, (_, i) => (inside(Math.floor(i / max)) && inside(i % max) ? 1 : 0));
}

/**
 * The channel mask of `width` over `max` channels along `path` (shape `[max]`, broadcast over the
 * last axis: channels of NHWC images, features of `[batch, features]`), or `null` for a fixed width.
 */
export function channelMask(width: unknown, max: number, path: MaskPath, strategy: string, what: string): Tensor | null {
  if (!isMutable(width)) return null;
  if ('sample' in path) return tf.tensor1d(channelRow(chosen(width, path.sample, max, what), max));
  const { label, values } = mixtureValues(width, strategy, what);
  return mix(path.weights.get(label)!, values.map((w) => channelRow(w, max)), [max]);
}

/** The kernel mask of `size` over a `max`×`max` kernel along `path`, shaped `[max, max, 1, 1]`. */
export function kernelMask(size: unknown, max: number, path: MaskPath, strategy: string, what: string): Tensor {
  if ('sample' in path) return tf.reshape(tf.tensor1d(kernelRow(chosen(size, path.sample, max, what), max)), [max, max, 1, 1]);
  const { label, values } = mixtureValues(size, strategy, what);
  return mix(path.weights.get(label)!, values.map((k) => kernelRow(k, max)), [max, max, 1, 1]);
}
