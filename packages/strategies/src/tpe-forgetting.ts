/**
 * The forgetting weights of one decision's observations for one proposal: each observation's weight
 * by its age within its group (good or other), counting only the trials where the decision has a
 * value. Internal to the strategies package.
 */
import { fadedWeight, type Scratch } from './tpe-parzen.js';

/** Weights of one decision's observations. */
export interface Forgetting {
  /** By trial id: the observation's weight (only ids of observations with a value are set). */
  readonly weight: Float64Array;
  /** Observations with a value in the good group. */
  readonly goodCount: number;
  /** Observations with a value in the other group. */
  readonly badCount: number;
}

/**
 * The weights of the first `count` observations `ids` (in time order) whose entry in `column` is not
 * NaN, `group` giving each trial's group (1 good, 0 other): within a group, the `recent` newest weigh
 * 1 and older ones fade (as `forgettingWeight` in tpe-parzen.ts). The array is cut from `scratch`.
 */
export function forgettingOf(
  scratch: Scratch,
  ids: ArrayLike<number>,
  count: number,
  group: Float64Array,
  column: Float64Array,
  trialCount: number,
  recent: number,
): Forgetting {
  // First each observation's age within its group, then (once the groups' sizes are known) its weight.
  const weight = scratch.take(trialCount);
  let goodCount = 0;
  let badCount = 0;
  for (let i = 0; i < count; i++) {
    const id = ids[i]!;
    if (Number.isNaN(column[id]!)) continue;
    weight[id] = group[id] === 1 ? goodCount++ : badCount++;
  }
  // As forgettingWeight, with each group's constants worked out once.
  const goodOld = goodCount - recent;
  const badOld = badCount - recent;
  const goodStart = 1 / goodCount;
  const badStart = 1 / badCount;
  for (let i = 0; i < count; i++) {
    const id = ids[i]!;
    if (Number.isNaN(column[id]!)) continue;
    const age = weight[id]!;
    const good = group[id] === 1;
    const old = good ? goodOld : badOld;
    weight[id] = age >= old ? 1 : fadedWeight(age, good ? goodStart : badStart, old);
  }
  return { weight, goodCount, badCount };
}
