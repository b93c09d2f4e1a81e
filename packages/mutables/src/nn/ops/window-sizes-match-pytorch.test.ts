import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Module } from '../module.js';
import { ShapeError } from '../op.js';
import type { Shape } from '../tensor.js';
import { trace } from '../trace.js';
import { Conv2d } from './conv2d.js';
import { AvgPool2d, MaxPool2d } from './pooling.js';
import { Zero } from './zero.js';

// PyTorch's documented output size for Conv2d / MaxPool2d / AvgPool2d (ceil_mode=False).
const pytorchSize = (size: number, kernel: number, stride: number, padding: number, dilation = 1) =>
  Math.floor((size + 2 * padding - dilation * (kernel - 1) - 1) / stride) + 1;

const outputOf = (module: Module, shape: Shape) => trace(module, [shape]);

describe('sliding windows give the sizes PyTorch gives', () => {
  it('Conv2d: any kernel, stride, padding, dilation and groups', () => {
    fc.assert(
      fc.property(
        fc.record({
          groups: fc.integer({ min: 1, max: 4 }),
          inPerGroup: fc.integer({ min: 1, max: 4 }),
          outPerGroup: fc.integer({ min: 1, max: 4 }),
          kernel: fc.integer({ min: 1, max: 7 }),
          stride: fc.integer({ min: 1, max: 4 }),
          padding: fc.integer({ min: 0, max: 4 }),
          dilation: fc.integer({ min: 1, max: 3 }),
          bias: fc.boolean(),
          h: fc.integer({ min: 1, max: 64 }),
          w: fc.integer({ min: 1, max: 64 }),
        }),
        ({ groups, inPerGroup, outPerGroup, kernel, stride, padding, dilation, bias, h, w }) => {
          const span = dilation * (kernel - 1) + 1;
          fc.pre(h + 2 * padding >= span && w + 2 * padding >= span);
          const [cIn, cOut] = [groups * inPerGroup, groups * outPerGroup];
          const conv = new Conv2d(cIn, cOut, kernel, { stride, padding, dilation, groups, bias });
          const traced = outputOf(conv, [null, cIn, h, w]);
          const [oh, ow] = [pytorchSize(h, kernel, stride, padding, dilation), pytorchSize(w, kernel, stride, padding, dilation)];
          expect(traced.outputShapes[0]).toEqual([null, cOut, oh, ow]);
          expect(traced.parameterCount()).toBe(cOut * inPerGroup * kernel * kernel + (bias ? cOut : 0));
          expect(traced.flops()).toBe(cOut * oh * ow * (inPerGroup * kernel * kernel + (bias ? 1 : 0)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('MaxPool2d and AvgPool2d: any kernel, stride and legal padding; too small inputs are refused', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('max', 'avg'),
        fc.integer({ min: 1, max: 7 }),
        fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
        fc.nat({ max: 3 }),
        fc.integer({ min: 1, max: 40 }),
        fc.option(fc.integer({ min: 1, max: 40 }), { nil: null }),
        (kind, kernel, strideOption, paddingSeed, h, w) => {
          const padding = paddingSeed % (Math.floor(kernel / 2) + 1);
          const options = { padding, ...(strideOption !== undefined ? { stride: strideOption } : {}) };
          const pool = kind === 'max' ? new MaxPool2d(kernel, options) : new AvgPool2d(kernel, options);
          const stride = strideOption ?? kernel;
          const fits = h + 2 * padding >= kernel && (w === null || w + 2 * padding >= kernel);
          if (!fits) {
            expect(() => outputOf(pool, [null, 3, h, w])).toThrow(ShapeError);
            return;
          }
          const traced = outputOf(pool, [null, 3, h, w]);
          expect(traced.outputShapes[0]).toEqual([null, 3, pytorchSize(h, kernel, stride, padding), w === null ? null : pytorchSize(w, kernel, stride, padding)]);
          expect([traced.parameterCount(), traced.flops()]).toEqual([0, 0]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('Zero keeps as many rows and columns as x[:, :, ::s, ::s]', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 50 }), (stride, h, w) => {
        const kept = (n: number) => {
          let count = 0;
          for (let i = 0; i < n; i += stride) count++;
          return count;
        };
        expect(outputOf(new Zero({ stride }), [null, 4, h, w]).outputShapes[0]).toEqual([null, 4, kept(h), kept(w)]);
      }),
    );
  });
});
