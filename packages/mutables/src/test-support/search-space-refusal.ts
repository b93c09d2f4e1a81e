/** The `SearchSpaceError` that `build` throws; the test fails when it throws anything else or nothing. */
import { SearchSpaceError } from '@archspace/ir';
import { expect } from 'vitest';

export function searchSpaceRefusal(build: () => unknown): SearchSpaceError {
  try {
    build();
  } catch (error) {
    expect(error).toBeInstanceOf(SearchSpaceError);
    return error as SearchSpaceError;
  }
  throw new Error('expected a SearchSpaceError');
}
