import fc from 'fast-check';
import type { Tensor4D } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { useTfBackend } from '../backend.js';
import { tf } from '../tf.js';
import { channelAffine } from './channel-affine.js';

const floats = (n: number) => fc.array(fc.float({ min: -4, max: 4, noNaN: true }), { minLength: n, maxLength: n }).map((v) => Float32Array.from(v));

describe.each(['cpu', 'wasm'] as const)('channelAffine (%s)', (backend) => {
  it('is t·scale + shift per channel, rounded as the two broadcasting ops round it, for any shape and channel count', async () => {
    await useTfBackend(backend);
    const cases = fc
      .record({ n: fc.integer({ min: 1, max: 3 }), h: fc.integer({ min: 1, max: 4 }), w: fc.integer({ min: 1, max: 4 }), c: fc.integer({ min: 1, max: 40 }), shifted: fc.boolean(), seed: fc.integer({ min: 1, max: 1000 }) })
      .chain((s) => fc.record({ s: fc.constant(s), scale: floats(s.c), shift: floats(s.c) }));
    fc.assert(
      fc.property(cases, ({ s, scale, shift }) => {
        tf.tidy(() => {
          const t = tf.randomNormal([s.n, s.h, s.w, s.c], 0, 3, 'float32', s.seed) as Tensor4D;
          const expected = s.shifted ? tf.add(tf.mul(t, tf.tensor1d(scale)), tf.tensor1d(shift)) : tf.mul(t, tf.tensor1d(scale));
          const actual = channelAffine(t, scale, s.shifted ? shift : undefined);
          expect(actual.shape).toEqual(t.shape);
          // Equal to the last bit (the sign of a zero aside: XNNPACK adds a +0 bias where there is none).
          const unsigned = (v: number) => v + 0;
          expect([...actual.dataSync()].map(unsigned)).toEqual([...expected.dataSync()].map(unsigned));
        });
      }),
      { numRuns: 40, seed: 5 },
    );
  });

  it('takes the shift as a tensor too (a layer weight)', async () => {
    await useTfBackend(backend);
    const t = tf.tensor4d([1, 2, 3, 4], [1, 1, 2, 2]);
    const out = channelAffine(t, new Float32Array([2, -1]), tf.tensor1d([0.5, 10]));
    expect([...out.dataSync()]).toEqual([2.5, 8, 6.5, 6]);
    tf.dispose([t, out]);
  });

  it('refuses a scale or shift whose length is not the channel count, naming both', async () => {
    await useTfBackend(backend);
    const t = tf.zeros([1, 2, 2, 3]) as Tensor4D;
    expect(() => channelAffine(t, new Float32Array(2))).toThrow(/one scale and shift per channel \(3\); got rank 4, 2 scales, 3 shifts/);
    expect(() => channelAffine(t, new Float32Array(3), new Float32Array(4))).toThrow(/3 scales, 4 shifts/);
    t.dispose();
  });
});
