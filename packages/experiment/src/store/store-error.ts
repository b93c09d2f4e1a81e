/**
 * The error every experiment store throws on purpose: a missing or duplicate trial, a row that breaks
 * the record types, a write to a read-only store, a file written by a newer archspace.
 */
import { ArchspaceError } from '@archspace/ir';

/**
 * A store refused a request. `code` says why (`"unknown-trial"`, `"duplicate-trial"`,
 * `"duplicate-sequence-id"`, `"invalid-row"`, `"no-experiment"`, `"experiment-mismatch"`,
 * `"invalid-query"`, `"read-only-store"`, `"store-closed"`, `"async-transaction"`,
 * `"store-not-found"`, `"store-not-opened"`, `"not-a-store"`, `"schema-too-new"`); `path` names the
 * offending field.
 *
 * @example
 * ```ts
 * try { store.updateTrial('nope', { status: 'FAILED' }); } catch (e) {
 *   if (e instanceof StoreError && e.code === 'unknown-trial') console.log(e.message);
 * }
 * ```
 */
export class StoreError extends ArchspaceError {}
