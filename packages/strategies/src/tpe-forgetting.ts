/**
 * The forgetting weights of one decision's observations for one proposal: each observation's age
 * within its group (good or other), counting only the trials where the decision has a value, and
 * the weight of each age. Internal to the strategies package.
 */
import { forgettingWeightsInto, type Scratch } from './tpe-parzen.js';

/** Ages and weights of one decision's observations. */
export interface Forgetting {
  /** By trial id: the observation's place in time within its group (only ids of observations with a value are set). */
  readonly age: Float64Array;
  /** Observations with a value in the good group. */
  readonly goodCount: number;
  /** Observations with a value in the other group. */
  readonly badCount: number;
  /** The weight of each age in the good group. */
  readonly goodWeights: Float64Array;
  /** The weight of each age in the other group. */
  readonly badWeights: Float64Array;
}

/**
 * The ages and weights of the observations `ids` (in time order) whose entry in `column` is not NaN,
 * `group` giving each trial's group (1 good, 0 other); `recent` observations of a group weigh 1.
 * Every array is cut from `scratch`.
 */
export function forgettingOf(
  scratch: Scratch,
  ids: ArrayLike<number>,
  group: Float64Array,
  column: Float64Array,
  trialCount: number,
  recent: number,
): Forgetting {
  const age = scratch.take(trialCount);
  let goodCount = 0;
  let badCount = 0;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    if (Number.isNaN(column[id]!)) continue;
    age[id] = group[id] === 1 ? goodCount++ : badCount++;
  }
  const goodWeights = forgettingWeightsInto(scratch.take(goodCount), recent);
  const badWeights = forgettingWeightsInto(scratch.take(badCount), recent);
  return { age, goodCount, badCount, goodWeights, badWeights };
}
