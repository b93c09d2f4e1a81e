import fc from 'fast-check';
import type { Sample } from '@archspace/mutables';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTfBackend } from '../backend.js';
import { tf } from '../tf.js';
import { OneShotError } from './one-shot-error.js';
import { Supernet } from './supernet.js';
import { DartsLikeSpace } from './test-support/darts-like-space.js';

describe('Supernet.forward on samples from users', () => {
  let supernet: Supernet;
  beforeAll(async () => {
    await useTfBackend('cpu');
    supernet = Supernet.compile(DartsLikeSpace.create(), { inputShapes: [[null, 3, 8, 8]], seed: 2 });
  });

  /** A valid value of each choice, or (with `broken`) anything at all for some of them. */
  const samples = (broken: boolean) =>
    fc.tuple(...supernet.choices.map((c) => {
      const valid = c.kind === 'input-choice' ? fc.constantFrom(...c.names.map((i) => [i])) : fc.constantFrom(...c.names);
      const junk = fc.oneof(fc.integer({ min: -3, max: 9 }), fc.string(), fc.constant(undefined), fc.array(fc.integer({ min: -1, max: 3 }), { maxLength: 3 }), fc.constant('__proto__'));
      return broken ? fc.oneof(valid, junk) : valid;
    }));

  it('runs every valid sample to finite logits, and refuses any malformed value with invalid-sample naming its label', () => {
    const x = tf.randomNormal([2, 8, 8, 3], 0, 1, 'float32', 1);
    fc.assert(
      fc.property(samples(true), (values) => {
        const sample = Object.fromEntries(supernet.choices.map((c, i) => [c.label, values[i]])) as Sample;
        try {
          const finite = tf.tidy(() => tf.all(tf.isFinite(supernet.forward(x, { sample }, false))).dataSync()[0]);
          expect(finite).toBe(1);
        } catch (error) {
          expect(error).toBeInstanceOf(OneShotError);
          expect((error as OneShotError).code).toBe('invalid-sample');
          expect(supernet.choices.map((c) => c.label)).toContain((error as OneShotError).path[0]);
        }
      }),
      { numRuns: 30, seed: 3 },
    );
    fc.assert(
      fc.property(samples(false), (values) => {
        const sample = Object.fromEntries(supernet.choices.map((c, i) => [c.label, values[i]])) as Sample;
        tf.tidy(() => supernet.forward(x, { sample }, false));
      }),
      { numRuns: 10, seed: 4 },
    );
    x.dispose();
  });
});
