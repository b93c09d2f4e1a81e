/**
 * The error the `Experiment` client throws: the server refused a request (its status and the code,
 * message and path from its error body), the server could not be reached, or it answered something
 * that is not what the API promises.
 */
import { ArchspaceError, type ErrorDetails } from '@archspace/ir';

/**
 * A request of the client failed. `code` is the server's (`"unknown-trial"`, `"unknown-status"`, …)
 * or the client's own (`"connection-failed"`, `"request-timeout"`, `"malformed-response"`,
 * `"not-ready"`); `status` is the HTTP status when the server answered.
 *
 * @example
 * ```ts
 * try { await exp.getTrialJob('nope'); } catch (e) {
 *   if (e instanceof ExperimentClientError && e.status === 404) console.log(e.code); // "unknown-trial"
 * }
 * ```
 */
export class ExperimentClientError extends ArchspaceError {
  /** The HTTP status of the answer, or `undefined` when there was none. */
  readonly status: number | undefined;

  constructor(details: ErrorDetails, status?: number) {
    super(details);
    this.status = status;
  }
}
