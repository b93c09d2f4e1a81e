/** Test helpers: run something that should fail with a `SerializationError` and look at the error. */
import { expect } from 'vitest';
import { SerializationError } from '../serialization-error.js';

/** The `SerializationError` that `fn` throws (fails the test when it throws something else or nothing). */
export function refusal(fn: () => unknown): SerializationError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(SerializationError);
    return error as SerializationError;
  }
  throw new Error('expected a SerializationError');
}

/** The code of the `SerializationError` that `fn` throws, or `undefined` when it does not throw. */
export function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(SerializationError);
    return (error as SerializationError).code;
  }
  return undefined;
}
