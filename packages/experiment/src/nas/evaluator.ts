/**
 * What a multi-trial NAS experiment evaluates each architecture with: any object with an
 * `evaluate(model, context)` method, made with a class wrapped by `trace()` so that the trial
 * process can re-create it from its JSON form.
 */
import type { Model } from '@archspace/ir';

/** What an evaluation can use besides the model. */
export interface EvaluationContext {
  /** Reports an intermediate result (per epoch, say). */
  report(value: number): void;
  /** The fidelity (epochs, say) for multi-fidelity strategies, if given. */
  readonly budget: number | undefined;
}

/** Scores one frozen architecture: higher (or lower, by the experiment's direction) is better. */
export interface ModelEvaluator {
  evaluate(model: Model, context: EvaluationContext): number | Promise<number>;
}

/** Whether `value` looks like a {@link ModelEvaluator}. */
export function isModelEvaluator(value: unknown): value is ModelEvaluator {
  return typeof (value as ModelEvaluator | null)?.evaluate === 'function';
}
