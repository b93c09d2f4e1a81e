import fc from 'fast-check';
import { expect, it } from 'vitest';
import { createRng } from '@archspace/mutables';
import { arbSpace } from '@archspace/mutables/testing';
import { GridSearch } from './grid-search.js';
import { Random } from './random.js';
import { sampleKey } from './sample-key.js';
import type { Strategy } from './strategy.js';

function drain(strategy: Strategy, space: Parameters<Strategy['start']>[0]['space'], limit: number): string[] {
  const session = strategy.start({ space, rng: createRng(1), direction: 'maximize' });
  const keys: string[] = [];
  for (let p = session.ask(); p !== undefined && keys.length <= limit; p = session.ask()) {
    keys.push(sampleKey(p.sample));
    session.tell(p.id, { status: 'succeeded', value: 0 });
  }
  return keys;
}

it('grid search (ordered or shuffled) and deduplicating random search cover a finite space exactly once', () => {
  fc.assert(
    fc.property(
      // Finite spaces whose first grid already lists every sample (no quantised ranges, no constraints).
      arbSpace().filter((space) => space.size <= 400 && new Set([...space.grid()].map(sampleKey)).size === space.size),
      (space) => {
        const all = new Set([...space.grid()].map(sampleKey));
        for (const strategy of [new GridSearch(), new GridSearch({ shuffle: true }), new Random()]) {
          const keys = drain(strategy, space, 2 * space.size + 10);
          expect(new Set(keys).size).toBe(keys.length);
          expect(new Set(keys)).toEqual(all);
        }
      },
    ),
    { numRuns: 80 },
  );
});
