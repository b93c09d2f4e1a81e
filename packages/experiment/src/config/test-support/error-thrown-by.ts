/** Test helper: the error a call throws, checked to be of the class a test expects. */
import { expect } from 'vitest';

/**
 * The error `run` throws, after checking it is a `type`; fails the test when `run` returns.
 *
 * @example
 * ```ts
 * expect(errorThrownBy(() => parseExperimentConfig('['), ConfigError).code).toBe('config-syntax');
 * ```
 */
export function errorThrownBy<E extends Error>(run: () => unknown, type: abstract new (...args: never[]) => E): E {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(type);
    return error as E;
  }
  throw new Error(`expected a ${type.name}, but nothing was thrown`);
}
