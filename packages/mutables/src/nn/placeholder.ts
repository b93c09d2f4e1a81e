/**
 * Placeholder: an identity module that marks a place for a custom mutator to rewrite. It records a
 * `Placeholder` node carrying its label and related information.
 */
import { autoLabel, type LabelLike } from '../label.js';
import { defineOp, Op } from './op.js';

/** The `Placeholder` operation (identity until a mutator replaces it). */
export const PLACEHOLDER = defineOp<Record<string, unknown>>({ type: 'Placeholder', arity: 'variadic', inferShape: ([input]) => input! });

/**
 * Marks a place in the graph for a custom mutator; behaves as identity.
 *
 * @example
 * ```ts
 * new Placeholder('mutable_0', { kernelSize: [3, 5] });
 * ```
 */
export class Placeholder extends Op<Record<string, unknown>> {
  readonly definition = PLACEHOLDER;

  constructor(label: LabelLike, related: Record<string, unknown> = {}) {
    super({ ...related, label: autoLabel(label).path });
  }
}
