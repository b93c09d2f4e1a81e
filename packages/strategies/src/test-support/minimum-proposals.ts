/**
 * How many proposals a strategy owes a test, so that a strategy that proposes nothing (or stops
 * early) cannot pass a property test that only checks the proposals it did make. Test-only.
 */
import type { Mutable } from '@archspace/mutables';
import { sampleKey } from '../sample-key.js';

/**
 * The fewest proposals any strategy must make in `asks` asks on `space`, every outcome told before
 * the next ask: the number of distinct samples of the space's grid at granularity 3 (valid samples,
 * constraints applied), capped at `asks`. A strategy may stop early only once it has run out of new
 * samples, and that grid is a lower bound of them; it is at least 1 for any space.
 *
 * @example
 * ```ts
 * expect(proposals.length).toBeGreaterThanOrEqual(minimumProposals(space, 30));
 * ```
 */
export function minimumProposals(space: Mutable, asks: number): number {
  const distinct = new Set<string>();
  for (const sample of space.grid({ granularity: 3 })) {
    distinct.add(sampleKey(sample));
    if (distinct.size >= asks) break;
  }
  return distinct.size;
}
