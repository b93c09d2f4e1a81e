/**
 * The median stopping rule (Golovin et al., 2017, as the reference's median-stop assessor): at step
 * `t`, a trial whose best value so far is worse than the median of the other trials' running
 * averages at step `t` is stopped. Nothing is stopped before `startStep`, nor while no other trial
 * has reached step `t`.
 */
import type { AssessResult, Assessor, TrialCurve } from './assessor.js';
import type { Direction } from './strategy.js';
import { checkOptionNames } from './strategy-options.js';

/** Options of {@link MedianStop}. */
export interface MedianStopOptions {
  /** The number of intermediate results a trial must have before it is judged (default 0). */
  readonly startStep?: number;
}

function median(values: number[]): number {
  values.sort((a, b) => a - b);
  const mid = values.length >> 1;
  return values.length % 2 === 1 ? values[mid]! : (values[mid - 1]! + values[mid]!) / 2;
}

/**
 * Stops trials that do worse than the median of the others.
 *
 * @example
 * ```ts
 * await search(space, evaluate, new Random(), { maxTrials: 50 }, { assessor: new MedianStop({ startStep: 3 }) });
 * ```
 */
export class MedianStop implements Assessor {
  readonly name = 'MedianStop';
  /** The settings, defaults filled in. */
  readonly options: Required<MedianStopOptions>;

  constructor(options: MedianStopOptions = {}) {
    checkOptionNames('MedianStop', options, ['startStep']);
    const startStep = options.startStep ?? 0;
    if (!(Number.isInteger(startStep) && startStep >= 0)) throw new RangeError(`startStep must be an integer ≥ 0, got ${startStep}`);
    this.options = { startStep };
  }

  /** Stops `trial` when its best value so far is worse than the median of the others' running averages at its step. */
  assess(trial: TrialCurve, others: readonly TrialCurve[], direction: Direction): AssessResult {
    const step = trial.intermediates.length;
    if (step === 0 || step < this.options.startStep) return 'continue';
    const sign = direction === 'maximize' ? 1 : -1;
    let best = -Infinity;
    for (const value of trial.intermediates) if (sign * value > best) best = sign * value;
    const averages: number[] = [];
    for (const other of others) {
      if (other.intermediates.length < step) continue;
      let sum = 0;
      for (let i = 0; i < step; i++) sum += other.intermediates[i]!;
      const average = (sign * sum) / step;
      if (!Number.isNaN(average)) averages.push(average);
    }
    if (averages.length === 0) return 'continue';
    return best < median(averages) ? 'stop' : 'continue';
  }
}
