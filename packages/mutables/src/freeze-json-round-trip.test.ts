import fc from 'fast-check';
import { expect, it } from 'vitest';
import { createRng } from './rng.js';
import { arbSpace } from './testing/index.js';

it('freeze(random()) equals freeze of the same sample after a JSON round trip', () => {
  fc.assert(
    fc.property(arbSpace(), fc.integer(), (space, seed) => {
      const sample = space.random(createRng(seed));
      const revived = JSON.parse(JSON.stringify(sample)) as typeof sample;
      expect(space.freeze(revived)).toEqual(space.freeze(sample));
    }),
    { numRuns: 300 },
  );
});
