/**
 * Where iterated local search climbs next once its centre is a local optimum, when it is given a
 * restart distance: from the best sample already evaluated that was never a centre and lies at least
 * that many decisions away from every local optimum found, so the new climb starts in another basin
 * without spending a trial on it. Only when no such sample exists does the search kick.
 */
import type { Sample } from '@archspace/mutables';
import { beats, type FeasibilityScored } from './feasibility-order.js';
import { sampleKey } from './sample-key.js';

/** How many decisions (labels of either sample) the two samples set differently; an absent decision differs from a present one. */
export function decisionsApart(a: Sample, b: Sample): number {
  let apart = 0;
  const same = (label: string) => Object.hasOwn(a, label) && Object.hasOwn(b, label) && (a[label] === b[label] || sampleKey({ v: a[label] }) === sampleKey({ v: b[label] }));
  for (const label of Object.keys(a)) if (!same(label)) apart++;
  for (const label of Object.keys(b)) if (!Object.hasOwn(a, label)) apart++;
  return apart;
}

/**
 * The best of `evaluated` (by {@link beats}) that is not in `centres` and is at least `distance`
 * decisions from each of `optima`, or `undefined` when none is.
 */
export function restartPoint<T extends FeasibilityScored & { readonly sample: Sample }>(
  evaluated: readonly T[],
  centres: ReadonlySet<T>,
  optima: readonly Sample[],
  distance: number,
): T | undefined {
  let best: T | undefined;
  for (const candidate of evaluated) {
    if (centres.has(candidate) || (best !== undefined && !beats(candidate, best))) continue;
    if (optima.every((optimum) => decisionsApart(candidate.sample, optimum) >= distance)) best = candidate;
  }
  return best;
}
