import type { Tensor, Tensor4D } from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useTfBackend } from '../backend.js';
import { tf } from '../tf.js';
import { makeAvgPool, makeAvgPoolExcludingPadding } from './pool-layers.js';

/** The plain formulation: explicit zero padding, then unpadded average pooling (whose gradient is right). */
function referenceAvgPool(k: number, s: number, p: number): (x: Tensor4D) => Tensor {
  return (x) => tf.avgPool(tf.pad(x, [[0, 0], [p, p], [p, p], [0, 0]]), k, s, 'valid');
}

/**
 * PyTorch's `countIncludePad = false` in plain ops: the zero-padded sum over each window (padding,
 * then an unpadded pool times k²) divided by the window's in-bounds positions — a constant tensor that
 * automatic differentiation carries through.
 */
function referenceAvgPoolExcludingPadding(k: number, s: number, p: number): (x: Tensor4D) => Tensor {
  return (x) => {
    const sums = tf.mul(referenceAvgPool(k, s, p)(x), k * k);
    const [, oh, ow] = sums.shape as [number, number, number, number];
    const counts = (length: number, out: number) => Array.from({ length: out }, (_, o) => Math.min(o * s - p + k, length) - Math.max(o * s - p, 0));
    const rows = counts(x.shape[1], oh);
    const cols = counts(x.shape[2], ow);
    const divisors = tf.tensor4d(rows.flatMap((r) => cols.map((c) => r * c)), [1, oh, ow, 1]);
    return tf.div(sums, divisors);
  };
}

interface Outcome {
  readonly shape: number[];
  readonly value: number[];
  readonly dx: number[];
}

/** Value and input gradient of Σ pool(x)·r for seeded x and r. */
function outcome(shape: [number, number, number, number], pool: (x: Tensor4D) => Tensor, seed: number): Outcome {
  return tf.tidy(() => {
    const x = tf.randomNormal(shape, 0, 1, 'float32', seed) as Tensor4D;
    const y = pool(x);
    const r = tf.randomNormal(y.shape, 0, 1, 'float32', seed + 1);
    const dx = tf.grad((a: Tensor) => tf.sum(tf.mul(pool(a as Tensor4D), r)))(x);
    return { shape: y.shape, value: [...y.dataSync()], dx: [...dx.dataSync()] };
  });
}

function worstDifference(a: number[], b: number[]): number {
  expect(a.length).toBe(b.length);
  return a.reduce((worst, v, i) => Math.max(worst, Math.abs(v - b[i]!)), 0);
}

/** A pooling geometry (window `k`, stride `s`, sizes `extra` beyond the window, a `seed` from `seeds`) and a padding `p` up to half the window. */
function poolGeometry(seeds: fc.Arbitrary<number>) {
  return fc
    .record({ k: fc.integer({ min: 1, max: 4 }), s: fc.integer({ min: 1, max: 3 }), extraH: fc.integer({ min: 0, max: 5 }), extraW: fc.integer({ min: 0, max: 5 }), seed: seeds })
    .chain((g) => fc.record({ g: fc.constant(g), p: fc.integer({ min: 0, max: Math.floor(g.k / 2) }) }));
}

/** Expects `pool` on `backend` to give the output shape, values and input gradient `reference` gives on the CPU. */
async function expectLikeReference(
  backend: 'cpu' | 'wasm',
  shape: [number, number, number, number],
  reference: (x: Tensor4D) => Tensor,
  pool: (x: Tensor4D) => Tensor,
  seed: number,
  label?: string,
): Promise<void> {
  await useTfBackend('cpu');
  const expected = outcome(shape, reference, seed);
  await useTfBackend(backend);
  const actual = outcome(shape, pool, seed);
  expect(actual.shape).toEqual(expected.shape);
  expect(worstDifference(actual.value, expected.value), label).toBeLessThan(1e-5);
  expect(worstDifference(actual.dx, expected.dx), label).toBeLessThan(1e-5);
}

describe.each(['cpu', 'wasm'] as const)('hand-written average pooling (%s)', (backend) => {
  // The benchmark network's pools (3×3 stride 1 padded; 2×2 stride 2, the broadcast gradient), a
  // stride that leaves input rows unread, and 2×2 windows over an odd width (the convolution path).
  it.each([
    [3, 1, 1, 8, 8],
    [2, 2, 0, 8, 8],
    [3, 2, 1, 8, 7],
    [2, 2, 0, 8, 7],
    [3, 3, 0, 8, 8],
    [2, 2, 1, 5, 6],
  ] as const)('k%i s%i p%i on %i×%i agrees with padding then pooling', async (k, s, p, h, w) => {
    await useTfBackend('cpu');
    const expected = outcome([2, h, w, 3], referenceAvgPool(k, s, p), 7);
    await useTfBackend(backend);
    const actual = outcome([2, h, w, 3], makeAvgPool(k, s, p), 7);
    expect(actual.shape).toEqual(expected.shape);
    expect(worstDifference(actual.value, expected.value)).toBeLessThan(1e-5);
    expect(worstDifference(actual.dx, expected.dx)).toBeLessThan(1e-5);
  });

  it('agrees with padding then pooling for any window, stride, padding and size', async () => {
    await fc.assert(
      fc.asyncProperty(poolGeometry(fc.nat(1000)), async ({ g, p }) => {
        const shape: [number, number, number, number] = [2, g.k + g.extraH, g.k + g.extraW, 2];
        await expectLikeReference(backend, shape, referenceAvgPool(g.k, g.s, p), makeAvgPool(g.k, g.s, p), g.seed);
      }),
      { numRuns: 20, seed: 17 },
    );
  });
  it('excluding padding from the divisor, agrees with the window sums divided by their in-bounds positions', async () => {
    // Seed 0 would draw an unseeded tensor.
    const geometry = poolGeometry(fc.integer({ min: 1, max: 1000 }));
    const cases = [{ g: { k: 3, s: 1, extraH: 5, extraW: 5, seed: 3 }, p: 1 }, ...fc.sample(geometry, { numRuns: 20, seed: 23 })];
    for (const { g, p } of cases) {
      const shape: [number, number, number, number] = [2, g.k + g.extraH, g.k + g.extraW, 3];
      await expectLikeReference(backend, shape, referenceAvgPoolExcludingPadding(g.k, g.s, p), makeAvgPoolExcludingPadding(g.k, g.s, p), g.seed, JSON.stringify({ g, p }));
    }
  });
});
