/**
 * What TPE's model learns from: each trial's outcome, filed by trial id as it is told, and the list
 * of observations (trial ids and scores) a proposal fits its estimators to. Filing the outcomes as
 * they arrive spares a proposal a pass over every trial's outcome object. Internal to the strategies
 * package.
 */
import type { ConstantLiar } from './tpe.js';
import type { Outcome } from './strategy.js';
import type { Scratch } from './tpe-parzen.js';

/** No outcome yet: the trial is running. */
const RUNNING = 0;
/** A feasible success: the model learns from its score. */
const FEASIBLE = 1;
/** A success that breaks the search's constraints: ranked below every feasible one by its violation. */
const INFEASIBLE = 2;
/** Failed, stopped or without a value: left out of the model. */
const LEFT_OUT = 3;

/** The observations of one proposal, in id order; both arrays are cut from the proposal's scratch memory. */
export interface ObservationList {
  /** Trial ids (the first `count` entries). */
  readonly ids: Float64Array;
  /** Their scores, larger is better (the first `count` entries). */
  readonly scores: Float64Array;
  /** How many observations there are. */
  readonly count: number;
}

/** The told outcomes of one session, by trial id. */
export class ToldOutcomes {
  /** By trial id: RUNNING, FEASIBLE, INFEASIBLE or LEFT_OUT. */
  readonly #kind: number[] = [];
  /** By trial id: the score of a feasible success, the violation of an infeasible one. */
  readonly #value: number[] = [];

  /** Files trial `id`'s outcome; `score` is its value as a larger-is-better score. */
  record(id: number, outcome: Outcome, score: number): void {
    this.#cover(id + 1);
    if (outcome.status !== 'succeeded' || Number.isNaN(outcome.value)) this.#kind[id] = LEFT_OUT;
    else if (outcome.violation! > 0) {
      this.#kind[id] = INFEASIBLE;
      this.#value[id] = outcome.violation!;
    } else {
      this.#kind[id] = FEASIBLE;
      this.#value[id] = score;
    }
  }

  /** Extends the lists to `count` trials, the new ones running (the lists stay packed). */
  #cover(count: number): void {
    while (this.#kind.length < count) {
      this.#kind.push(RUNNING);
      this.#value.push(0);
    }
  }

  /**
   * The observations of the first `trialCount` trials, in id order: the successes, and the running
   * trials under the constant liar `liar` (scored as the best, worst or mean success). With several
   * objectives, `frontScores` gives each success's score by trial id instead. `undefined` when no
   * trial has succeeded.
   */
  observations(scratch: Scratch, trialCount: number, liar: ConstantLiar, frontScores?: ReadonlyMap<number, number>): ObservationList | undefined {
    this.#cover(trialCount);
    const kind = this.#kind;
    const value = this.#value;
    const ids = scratch.take(trialCount);
    const scores = scratch.take(trialCount);
    const pending = scratch.take(trialCount);
    let n = 0;
    let pendingCount = 0;
    let best = -Infinity;
    let worst = Infinity;
    let sum = 0;
    let infeasible = 0;
    for (let i = 0; i < trialCount; i++) {
      const k = kind[i]!;
      if (k === RUNNING) {
        pending[pendingCount++] = i;
        continue;
      }
      if (k === LEFT_OUT) continue;
      let score: number;
      if (frontScores !== undefined) score = frontScores.get(i)!;
      else if (k === INFEASIBLE) {
        infeasible++;
        ids[n] = i;
        scores[n++] = Number.NaN; // scored below every feasible trial once the worst is known
        continue;
      } else score = value[i]!;
      ids[n] = i;
      scores[n++] = score;
      if (score > best) best = score;
      if (score < worst) worst = score;
      sum += score;
    }
    if (n === 0) return undefined;
    if (infeasible > 0) {
      // Constraint-domination: an infeasible trial ranks below every feasible one, less violation higher.
      const floor = infeasible < n ? worst : 0;
      for (let k = 0; k < n; k++) {
        if (!Number.isNaN(scores[k]!)) continue;
        const score = floor - 1 - value[ids[k]!]!;
        scores[k] = score;
        if (score > best) best = score;
        if (score < worst) worst = score;
        sum += score;
      }
    }
    if (liar === 'none' || pendingCount === 0) return { ids, scores, count: n };
    const lie = liar === 'best' ? best : liar === 'worst' ? worst : sum / n;
    // Keep id order: merge the running trials in.
    const allIds = scratch.take(n + pendingCount);
    const allScores = scratch.take(n + pendingCount);
    let k = 0;
    let p = 0;
    for (let i = 0; i < n; i++) {
      while (p < pendingCount && pending[p]! < ids[i]!) {
        allIds[k] = pending[p++]!;
        allScores[k++] = lie;
      }
      allIds[k] = ids[i]!;
      allScores[k++] = scores[i]!;
    }
    while (p < pendingCount) {
      allIds[k] = pending[p++]!;
      allScores[k++] = lie;
    }
    return { ids: allIds, scores: allScores, count: k };
  }
}
