/**
 * The rule for experiment ids. An id names the experiment's folder inside the working directory, so
 * it must be one plain path segment: `--id ../escaped` would otherwise put the experiment outside.
 */
import { ArchspaceError, describeValue } from '@archspace/ir';
import { shortText } from '../config/config-error.js';

/** Letters, digits, `_` and `-`, 1 to 64 of them: no `.`, `/`, `\`, NUL or anything else. */
const EXPERIMENT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** What an experiment id may be, in words. */
export const EXPERIMENT_ID_EXPECTED = '1 to 64 letters (A-Z, a-z), digits, "_" or "-", such as "mnist-lr-01"';

/**
 * `id`, checked to be an experiment id: 1 to 64 ASCII letters, digits, `_` and `-`, so that
 * `join(workingDirectory, id)` is a folder directly inside the working directory. Throws
 * {@link ArchspaceError} with code `"invalid-experiment-id"` and path `['id']` otherwise.
 *
 * @example
 * ```ts
 * checkExperimentId('k3x9q2ab');   // 'k3x9q2ab'
 * checkExperimentId('../escaped'); // throws: invalid-experiment-id
 * ```
 */
export function checkExperimentId(id: unknown): string {
  if (typeof id === 'string' && EXPERIMENT_ID.test(id)) return id;
  const shown = describeValue(typeof id === 'string' ? shortText(id) : id);
  throw new ArchspaceError({
    code: 'invalid-experiment-id',
    path: ['id'],
    expected: EXPERIMENT_ID_EXPECTED,
    received: id,
    message: `${shown} is not an experiment id: expected ${EXPERIMENT_ID_EXPECTED}`,
  });
}
