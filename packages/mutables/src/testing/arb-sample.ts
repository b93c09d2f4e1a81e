/**
 * A fast-check arbitrary of valid samples of any space, so users can property-test their own
 * spaces: every generated sample passes `space.validate`.
 */
import fc from 'fast-check';
import { type Decision, emptyRecord, type Sample } from '../decision.js';
import type { Mutable } from '../mutable.js';
import { Numerical } from '../numerical.js';
import { resolve } from '../resolve.js';
import { createRng } from '../rng.js';

const SPAN_IN_SIGMAS = 8;

function arbNumerical(decision: Numerical): fc.Arbitrary<number> {
  const raw =
    decision.mu === undefined
      ? decision.log
        ? fc.double({ min: Math.log(decision.low), max: Math.log(decision.high), noNaN: true }).map(Math.exp)
        : fc.double({ min: decision.low, max: decision.high, noNaN: true })
      : fc
          .double({
            min: decision.mu - SPAN_IN_SIGMAS * decision.sigma!,
            max: decision.mu + SPAN_IN_SIGMAS * decision.sigma!,
            noNaN: true,
          })
          .map((x) => (decision.log ? Math.exp(x) : x));
  return raw.map((x) => decision.qclip(x));
}

/** An arbitrary of one decision's allowed values; exotic decisions fall back to their own seeded draws. */
export function arbDecisionValue(decision: Decision): fc.Arbitrary<unknown> {
  if (decision instanceof Numerical) return arbNumerical(decision);
  const domain = decision.domain;
  switch (domain.kind) {
    case 'categorical':
      return fc.constantFrom(...domain.values);
    case 'integer':
      return fc.integer({ min: domain.low, max: domain.high - 1 });
    case 'subset':
      return domain.count === undefined
        ? fc.subarray([...domain.values])
        : fc.subarray([...domain.values], { minLength: domain.count, maxLength: domain.count });
    default:
      return fc.integer().map((seed) => decision.drawValue(createRng(seed)));
  }
}

/**
 * Valid samples of `space`: a value for every decision, reduced to the decisions that are active,
 * and filtered by the space's constraints. Shrinks per label.
 *
 * @example
 * ```ts
 * fc.assert(fc.property(arbSample(space), (sample) => { space.freeze(sample); }));
 * ```
 */
export function arbSample(space: Mutable): fc.Arbitrary<Sample> {
  const decisions = Object.values(space.simplify());
  const model = emptyRecord<fc.Arbitrary<unknown>>();
  for (const decision of decisions) model[decision.label] = arbDecisionValue(decision);
  return fc
    .record(model)
    .map((values) => resolve(space, 'check', values as Sample))
    .filter((resolution) => resolution.violation === undefined)
    .map((resolution) => resolution.sample);
}
