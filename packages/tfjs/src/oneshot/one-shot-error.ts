/**
 * The error of one-shot search: a space the chosen strategy cannot search, options out of range, or a
 * training loss that stopped being a finite number.
 */
import { ArchspaceError } from '@archspace/ir';

/**
 * A one-shot search cannot go on. `code` says why: `'unsupported-primitive'` (the space holds a
 * primitive the strategy cannot handle yet; `path` names its label), `'invalid-option'`, or
 * `'non-finite-loss'` (`path` is `['epoch', e, 'step', s]`): no sample is returned then.
 *
 * @example
 * ```ts
 * try { await oneShot(space, { strategy: new Darts(), data }); } catch (e) {
 *   if (e instanceof OneShotError && e.code === 'non-finite-loss') console.log(e.message);
 * }
 * ```
 */
export class OneShotError extends ArchspaceError {}
