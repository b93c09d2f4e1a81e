/**
 * The input gradient of a strided, undilated convolution, by phases ("sub-pixel"): input positions
 * `i` with the same `i mod stride` (a phase) receive the output gradient through the same few filter
 * taps, so one stride-1 convolution of the output gradient — every phase a block of its output
 * channels — and one interleaving transpose give the whole input gradient. The usual route spreads the
 * output gradient by the stride with zeros first and convolves that: `stride²` times the positions, most
 * of the products by zero (a 3×3, stride-2 convolution's input gradient takes 36 products per input
 * and output channel pair where this takes 16), and a pad of its own.
 *
 * Along one axis (kernel `k`, stride `s`, padding `p`): input `i = s·m + r` receives `dy[m + e]·w[k']`
 * for every tap `k' = r + p − s·e` inside the kernel — a window of the output gradient around `m`.
 */
import type { Tensor4D } from '@tensorflow/tfjs-core';
import { tf } from '../tf.js';
import type { ConvGeometry } from './conv-kernels.js';

/** The phase convolution along one axis: the output gradient's padding, the window and the blocks `m`. */
interface AxisPlan {
  /** Zero rows before the output gradient (the window's offset: `e = a − top` for window tap `a`). */
  readonly top: number;
  readonly bottom: number;
  /** Window taps `a`. */
  readonly taps: number;
  /** Blocks of `stride` input positions, `⌈length / stride⌉`. */
  readonly blocks: number;
}

/** The plan for an axis of `inLength` inputs and `outLength` outputs, or undefined when the window would crop. */
function axisPlan(inLength: number, outLength: number, g: ConvGeometry): AxisPlan | undefined {
  const { kernel: k, stride: s, padding: p } = g;
  const first = Math.ceil((p - k + 1) / s);
  const last = Math.floor((s - 1 + p) / s);
  const taps = last - first + 1;
  const blocks = Math.ceil(inLength / s);
  const top = -first;
  const bottom = blocks + taps - 1 - outLength - top;
  return top < 0 || bottom < 0 ? undefined : { top, bottom, taps, blocks };
}

/** The filter tap `k' = r + p − s·(a − top)` feeding phase `r` through window tap `a`, or −1 outside the kernel. */
function tapOf(r: number, a: number, plan: AxisPlan, g: ConvGeometry): number {
  const tap = r + g.padding - g.stride * (a - plan.top);
  return tap >= 0 && tap < g.kernel ? tap : -1;
}

/**
 * The `[tapsH, tapsW, out, s²·in]` filter of the phase convolution, built on the host from the
 * `[k, k, in, out]` filter `w` (a few thousand numbers): output channel `(rh·s + rw)·in + c` is phase
 * `(rh, rw)` of input channel `c`.
 */
function phaseFilter(w: Tensor4D, g: ConvGeometry, rows: AxisPlan, cols: AxisPlan): Tensor4D {
  const [k, , cin, cout] = w.shape;
  const s = g.stride;
  const source = w.dataSync() as Float32Array;
  const width = s * s * cin;
  const out = new Float32Array(rows.taps * cols.taps * cout * width);
  for (let a = 0; a < rows.taps; a++) {
    for (let b = 0; b < cols.taps; b++) {
      for (let rh = 0; rh < s; rh++) {
        const kh = tapOf(rh, a, rows, g);
        if (kh < 0) continue;
        for (let rw = 0; rw < s; rw++) {
          const kw = tapOf(rw, b, cols, g);
          if (kw < 0) continue;
          for (let co = 0; co < cout; co++) {
            const to = ((a * cols.taps + b) * cout + co) * width + (rh * s + rw) * cin;
            for (let c = 0; c < cin; c++) out[to + c] = source[((kh * k + kw) * cin + c) * cout + co]!;
          }
        }
      }
    }
  }
  return tf.tensor4d(out, [rows.taps, cols.taps, cout, width]);
}

/**
 * The gradient with respect to `x` (of shape `xShape`, NHWC) of a convolution by `w` with stride above
 * 1 and no dilation, from the output gradient `dy`; undefined for the rare geometries whose phase
 * window would need the output gradient cropped (the caller then spreads it by the stride).
 *
 * @example
 * ```ts
 * stridedInputGradient(dy, w, [64, 16, 16, 8], { kernel: 3, stride: 2, padding: 1, dilation: 1 });
 * ```
 */
export function stridedInputGradient(dy: Tensor4D, w: Tensor4D, xShape: readonly [number, number, number, number], g: ConvGeometry): Tensor4D | undefined {
  if (g.stride < 2 || g.dilation !== 1) return undefined;
  const [n, h, wd, cin] = xShape;
  const rows = axisPlan(h, dy.shape[1], g);
  const cols = axisPlan(wd, dy.shape[2], g);
  if (rows === undefined || cols === undefined) return undefined;
  const s = g.stride;
  const phases = tf.conv2d(dy, phaseFilter(w, g, rows, cols), 1, [[0, 0], [rows.top, rows.bottom], [cols.top, cols.bottom], [0, 0]]);
  // [n·blocksH, blocksW, rh, (rw, c)] → [n·blocksH, rh, blocksW, (rw, c)]: row m·s + rh, column m'·s + rw.
  const interleaved = tf.transpose(tf.reshape(phases, [n * rows.blocks, cols.blocks, s, s * cin]), [0, 2, 1, 3]);
  const full = tf.reshape(interleaved, [n, rows.blocks * s, cols.blocks * s, cin]) as Tensor4D;
  return rows.blocks * s === h && cols.blocks * s === wd ? full : tf.slice(full, [0, 0, 0, 0], [n, h, wd, cin]);
}
