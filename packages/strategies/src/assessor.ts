/**
 * Assessors stop poor trials early from their intermediate results (learning curves), as the
 * reference's median-stop and curve-fitting assessors do.
 */
import type { Direction } from './strategy.js';

/** What an assessor sees of a trial: its intermediate results so far. */
export interface TrialCurve {
  readonly id: number;
  readonly intermediates: readonly number[];
}

/** The verdict on a running trial. */
export type AssessResult = 'continue' | 'stop';

/** Decides whether a running trial should go on. */
export interface Assessor {
  /** A short name for reports. */
  readonly name: string;
  /**
   * Judges `trial` after a new intermediate result, knowing the curves of the other trials (finished
   * or running) and the direction of the metric.
   */
  assess(trial: TrialCurve, others: readonly TrialCurve[], direction: Direction): AssessResult;
}
