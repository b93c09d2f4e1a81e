/**
 * Vitest setup for `npm run mutation` only: every fast-check property runs at most
 * `MUTATION_PROPERTY_RUNS` cases, so that each of thousands of mutants costs a fraction of a second.
 * Fewer cases can only let more mutants survive, so the score this gives is a lower bound.
 */
import { vi } from 'vitest';

/** The most cases a property runs per mutant. */
const MUTATION_PROPERTY_RUNS = 25;

vi.mock('fast-check', async (importOriginal) => {
  const actual = (await importOriginal()) as typeof import('fast-check') & { default: typeof import('fast-check') };
  const capped = <P extends object | undefined>(parameters: P): P =>
    ({ ...parameters, numRuns: Math.min((parameters as { numRuns?: number } | undefined)?.numRuns ?? 100, MUTATION_PROPERTY_RUNS) }) as P;
  const assert: typeof actual.assert = ((property: never, parameters?: object) => actual.assert(property, capped(parameters))) as never;
  const check: typeof actual.check = ((property: never, parameters?: object) => actual.check(property, capped(parameters))) as never;
  return { ...actual, assert, check, default: { ...actual.default, assert, check } };
});
