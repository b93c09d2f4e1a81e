/**
 * The grid of a space walked at granularity 1, 2, 3 … : a continuous or quantised range lists more of
 * its values at each step (`2^g - 1` points), so the walk refines until the space is covered, three
 * granularities in a row add nothing new, or the largest granularity is reached. Grid search and the
 * "unseen sample" fallback of every deduplicating strategy walk it.
 */
import type { Mutable, Sample } from '@archspace/mutables';

/** Granularities in a row without a new point after which the walk stops. */
const ROUNDS_WITHOUT_NEWS = 3;

/** How a walk tells new points from those it has had, and when the space is covered. */
export interface RefiningGridOptions {
  /** The finest granularity walked. */
  readonly maxGranularity: number;
  /** Whether `sample` is new (the check may also record it). Only new points are yielded. */
  readonly isNew: (sample: Sample) => boolean;
  /** How many distinct points are known so far: the walk ends once a finite space's `size` is reached. */
  readonly known: () => number;
}

/** The new points of `space`'s grids, coarsest first, each granularity in the grid's own order. */
export function* refiningGrid(space: Mutable, { maxGranularity, isNew, known }: RefiningGridOptions): Generator<Sample> {
  let quiet = 0;
  for (let g = 1; g <= maxGranularity && quiet < ROUNDS_WITHOUT_NEWS; g++) {
    let fresh = 0;
    for (const sample of space.grid({ granularity: g })) {
      if (!isNew(sample)) continue;
      fresh++;
      yield sample;
    }
    if (Number.isFinite(space.size) && known() >= space.size) return;
    quiet = fresh === 0 ? quiet + 1 : 0;
  }
}
