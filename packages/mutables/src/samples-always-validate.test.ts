import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from './rng.js';
import { arbSample, arbSpace } from './testing/index.js';

const GRID_POINTS_CHECKED = 200;

describe('every sample a space produces validates', () => {
  it('random(rng) samples', () => {
    fc.assert(
      fc.property(arbSpace(), fc.integer(), (space, seed) => {
        const rng = createRng(seed);
        for (let i = 0; i < 5; i++) expect(space.checkContains(space.random(rng))).toBeUndefined();
      }),
      { numRuns: 200 },
    );
  });

  it('grid() points, at granularity 1 and 2', () => {
    fc.assert(
      fc.property(arbSpace(), fc.constantFrom(1, 2), (space, granularity) => {
        let n = 0;
        for (const sample of space.grid({ granularity })) {
          expect(space.checkContains(sample)).toBeUndefined();
          if (++n >= GRID_POINTS_CHECKED) break;
        }
        expect(n).toBeGreaterThan(0);
      }),
      { numRuns: 100 },
    );
  });

  it('default() and arbSample samples', () => {
    fc.assert(
      fc.property(
        arbSpace().chain((space) => fc.tuple(fc.constant(space), arbSample(space))),
        ([space, sample]) => {
          expect(space.checkContains(space.default())).toBeUndefined();
          expect(space.checkContains(sample)).toBeUndefined();
        },
      ),
      { numRuns: 200 },
    );
  });

  it('samples hold exactly the active labels (no keys of untaken branches)', () => {
    fc.assert(
      fc.property(arbSpace(), fc.integer(), (space, seed) => {
        const sample = space.random(createRng(seed));
        const labels = Object.keys(space.simplify());
        for (const key of Object.keys(sample)) expect(labels).toContain(key);
        const pruned = { ...sample };
        for (const key of Object.keys(sample)) {
          delete pruned[key];
          expect(space.contains(pruned)).toBe(false);
          pruned[key] = sample[key];
        }
      }),
      { numRuns: 100 },
    );
  });
});
