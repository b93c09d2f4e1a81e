/**
 * The lifecycle of a model: it is built or mutated (`mutating`), handed to a trial (`frozen`), trained
 * (`training`), and ends `trained` or `failed`. Only the forward moves below are legal; to change a
 * frozen model, fork it.
 */
import { ModelStatusError } from './errors.js';

/**
 * The statuses a model goes through, as the strings the reference uses.
 *
 * @example
 * ```ts
 * const ready = model.withStatus(ModelStatus.Frozen);
 * ready.status === 'frozen'; // true
 * ```
 */
export const ModelStatus = Object.freeze({
  Mutating: 'mutating',
  Frozen: 'frozen',
  Training: 'training',
  Trained: 'trained',
  Failed: 'failed',
} as const);

/** One of the {@link ModelStatus} strings. */
export type ModelStatus = (typeof ModelStatus)[keyof typeof ModelStatus];

const NEXT: { readonly [S in ModelStatus]: readonly ModelStatus[] } = Object.freeze({
  mutating: Object.freeze(['frozen'] as const),
  frozen: Object.freeze(['training'] as const),
  training: Object.freeze(['trained', 'failed'] as const),
  trained: Object.freeze([] as const),
  failed: Object.freeze([] as const),
});

/** Whether `value` is one of the status strings. */
export function isModelStatus(value: unknown): value is ModelStatus {
  return typeof value === 'string' && Object.hasOwn(NEXT, value);
}

/** The statuses a model in status `from` may move to; empty for the final ones. */
export function allowedTransitions(from: ModelStatus): readonly ModelStatus[] {
  return NEXT[from];
}

/**
 * Throws a `ModelStatusError` unless a model may move from `from` to `to`; the message names both and
 * the moves that are allowed.
 */
export function assertTransition(from: ModelStatus, to: ModelStatus): void {
  if (!isModelStatus(to)) {
    throw new ModelStatusError({
      code: 'unknown-status',
      path: ['status'],
      expected: `one of ${Object.values(ModelStatus).map((s) => `"${s}"`).join(', ')}`,
      received: to,
    });
  }
  const allowed = NEXT[from];
  if (allowed.includes(to)) return;
  const options =
    allowed.length === 0
      ? `"${from}" is final`
      : `from "${from}" it may only move to ${allowed.map((s) => `"${s}"`).join(' or ')}`;
  const hint = from !== 'mutating' && to === 'mutating' ? '; fork() it to mutate a copy' : '';
  throw new ModelStatusError({
    code: 'illegal-status-transition',
    path: ['status'],
    expected: allowed.length === 0 ? 'no further transition' : allowed.map((s) => `"${s}"`).join(' or '),
    received: to,
    message: `cannot move a model from "${from}" to "${to}": ${options}${hint}`,
  });
}
