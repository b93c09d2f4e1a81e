/**
 * A constraint on a whole sample, written as a lazy expression: samples for which the expression is
 * falsy are not in the space. `random()` redraws them, `grid()` skips them, `validate()` rejects them.
 */
import { ConstraintViolation } from '@archspace/ir';
import { CONSTRAINT, type ConstraintNode, type Sample, type SpaceNode } from './decision.js';
import { autoLabel, type LabelLike } from './label.js';
import { isMutable, Mutable } from './mutable.js';
import { pyTruthy } from './python-ops.js';
import { describeValue } from '@archspace/ir';

/** Options of {@link ExpressionConstraint}. */
export interface ExpressionConstraintOptions {
  /** A name for the constraint in error messages; automatic when omitted. */
  readonly label?: LabelLike;
}

/**
 * Keeps only the samples for which `expression` is truthy. It contributes no key to samples.
 *
 * @example
 * ```ts
 * const a = new Categorical([1, 2, 3], { label: 'a' });
 * const b = new Categorical([1, 2, 3], { label: 'b' });
 * const space = new MutableDict({ a, b, ordered: new ExpressionConstraint(a.lt(b)) });
 * space.size;          // 9 (constraints are not counted)
 * [...space.grid()];   // [{a: 1, b: 2}, {a: 1, b: 3}, {a: 2, b: 3}]
 * ```
 */
export class ExpressionConstraint extends Mutable<undefined> implements ConstraintNode {
  /** @internal Brand read by `isConstraint`. */
  readonly [CONSTRAINT] = true as const;
  /** The name used in error messages. */
  readonly label: string;
  readonly #children: readonly SpaceNode[];

  constructor(
    readonly expression: unknown,
    options: ExpressionConstraintOptions = {},
  ) {
    super();
    this.label = autoLabel(options.label).path;
    this.#children = Object.freeze(isMutable(expression) ? [expression] : []);
  }

  /** @inheritdoc */
  children(): readonly SpaceNode[] {
    return this.#children;
  }

  /** @inheritdoc */
  checkConstraint(sample: Sample): ConstraintViolation | undefined {
    const expression = this.expression;
    const value = isMutable(expression) ? expression.materialize((decision) => sample[decision.label]) : expression;
    if (pyTruthy(value)) return undefined;
    const involved = isMutable(expression)
      ? expression
          .leaves()
          .map((leaf) => `${leaf.label}=${describeValue(sample[leaf.label])}`)
          .join(', ')
      : '';
    return new ConstraintViolation({
      code: 'constraint-violated',
      path: [this.label],
      message: `Constraint "${this.label}" (${String(expression)}) is not satisfied${involved ? ` by ${involved}` : ''}`,
    });
  }

  /** @inheritdoc A constraint has no value of its own. */
  materialize(): undefined {
    return undefined;
  }

  /** @inheritdoc */
  equals(other: unknown): boolean {
    return (
      other instanceof ExpressionConstraint &&
      other.label === this.label &&
      (isMutable(this.expression) ? this.expression.equals(other.expression) : this.expression === other.expression)
    );
  }

  /** Python-style description. */
  describe(): string {
    return `ExpressionConstraint(${String(this.expression)}, label='${this.label}')`;
  }
}
