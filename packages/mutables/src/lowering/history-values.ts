/**
 * Reading decisions back from a model's history: each deciding mutator records the value it chose,
 * so mutators that act after all decisions (parameter evaluation, loose-end merges, rebuilt cells)
 * find every value there.
 */
import { type Model, SampleMissingError } from '@archspace/ir';
import type { Decision } from '../decision.js';
import type { ValueOf } from '../mutable.js';

/** The values recorded in `model.history`, by mutator label. */
export function historyValues(model: Model): ReadonlyMap<string, unknown> {
  const values = new Map<string, unknown>();
  for (const entry of model.history) if (entry.samples.length === 1) values.set(entry.mutator, entry.samples[0]);
  return values;
}

/** A `valueOf` over the history, throwing a clear error for a decision that was not made. */
export function valueOfHistory(model: Model): ValueOf {
  const values = historyValues(model);
  return (decision: Decision) => {
    if (!values.has(decision.label)) {
      throw new SampleMissingError({
        code: 'label-missing',
        path: [decision.label],
        message: `Decision "${decision.label}" was not made before it was needed (is it missing from the sample?)`,
      });
    }
    return values.get(decision.label);
  };
}
