/**
 * The base of every search space. A space is a tree of mutables; its decisions are the labeled
 * leaves. A *sample* is a flat `{label: value}` record; `freeze(sample)` turns the space into a
 * concrete value. Every space answers the same questions: `simplify`, `contains`, `validate`,
 * `random`, `grid`, `default`, `size`.
 *
 * Spaces are immutable once built, so what is derived from the tree (the simplified form, the
 * size) is computed once and cached.
 */
import { isDeepStrictEqual } from 'node:util';
import { ConstraintViolation, DuplicationError, SampleValidationError } from '@archspace/ir';
import { type Decision, emptyRecord, isDecision, NO_MEMO, type Sample, type SpaceNode } from './decision.js';
import { gridSamples } from './grid-walk.js';
import { checkResolution, randomFlatSample, resolve } from './resolve.js';
import type { Rng } from './rng.js';
import { countSamples } from './space-size.js';

/** Resolves the value of a decision while a space is being materialized. */
export type ValueOf = (decision: Decision) => unknown;

/** Options of {@link Mutable.grid}. */
export interface GridOptions {
  /** How finely continuous ranges are cut: `2^g - 1` points each (default 1: the median). */
  readonly granularity?: number;
  /** Labels whose values are fixed during the walk. */
  readonly memo?: Sample;
}

// Derived facts are cached outside the instances, so that a frozen copy made with Object.create
// (see Module) never inherits a stale cache and private fields never stand in the way of copying.
const SIMPLIFIED = new WeakMap<Mutable, Readonly<Record<string, Decision>>>();
const SIZE = new WeakMap<Mutable, number>();

/** How many times `random()` redraws a sample that breaks a constraint before giving up. */
export const CONSTRAINT_RETRIES = 1000;

/** Whether `value` is a {@link Mutable}. */
export function isMutable(value: unknown): value is Mutable {
  return value instanceof Mutable;
}

/** Whether two members of a space (mutables or constants) are structurally equal. */
export function sameMember(a: unknown, b: unknown): boolean {
  if (isMutable(a)) return a.equals(b);
  return !isMutable(b) && isDeepStrictEqual(a, b);
}

/**
 * Base class of every search space. Subclasses say which sub-mutables they hold
 * ({@link Mutable.children}) and how to build their concrete value ({@link Mutable.materialize}).
 *
 * @example
 * ```ts
 * const space = new MutableDict({ lr: new Numerical({ low: 1e-4, high: 1e-1, log: true, label: 'lr' }),
 *                                 batch: new Categorical([32, 64, 128], { label: 'batch' }) });
 * const sample = space.random(createRng(1)); // { lr: 0.0031..., batch: 64 }
 * space.freeze(sample);                       // { lr: 0.0031..., batch: 64 }
 * ```
 */
export abstract class Mutable<T = unknown> implements SpaceNode {

  /** Sub-mutables that take part whatever the sample says. */
  abstract children(): readonly SpaceNode[];

  /**
   * Builds the concrete value, asking `valueOf` for each decision's value. No validation happens
   * here; {@link Mutable.freeze} validates first.
   */
  abstract materialize(valueOf: ValueOf): T;

  /** Whether `other` is structurally the same space. */
  abstract equals(other: unknown): boolean;

  /** Every decision in depth-first order, including those of untaken branches; repeats kept. */
  leaves(): Decision[] {
    const out: Decision[] = [];
    const visit = (node: SpaceNode): void => {
      if (isDecision(node)) out.push(node);
      for (const child of node.children()) visit(child);
      if (isDecision(node) && node.conditionalChildren) for (const child of node.conditionalChildren()) visit(child);
    };
    visit(this);
    return out;
  }

  /**
   * The decisions keyed by label, in first-appearance order, in a record with no prototype (any
   * label, even `"constructor"` or `"__proto__"`, is an own key). Throws {@link DuplicationError}
   * when one label names two different decisions, naming both and where they were created.
   */
  simplify(): Readonly<Record<string, Decision>> {
    let simplified = SIMPLIFIED.get(this);
    if (simplified === undefined) {
      const byLabel = emptyRecord<Decision>();
      for (const leaf of this.leaves()) {
        const existing = byLabel[leaf.label];
        if (existing === undefined) byLabel[leaf.label] = leaf;
        else if (existing !== leaf && !existing.sameDecision(leaf)) {
          throw new DuplicationError({
            code: 'label-clash',
            path: [leaf.label],
            message:
              `Label "${leaf.label}" names two different decisions: ${existing.describe()} created at ${existing.origin} ` +
              `and ${leaf.describe()} created at ${leaf.origin}. Give them different labels, or make them identical to share one decision`,
          });
        }
      }
      simplified = Object.freeze(byLabel);
      SIMPLIFIED.set(this, simplified);
    }
    return simplified;
  }

  /** The problem with `sample`, or `undefined` when the space contains it. Extra keys are ignored. */
  checkContains(sample: Sample): SampleValidationError | undefined {
    this.simplify();
    try {
      return checkResolution(this, sample);
    } catch (error) {
      if (error instanceof SampleValidationError) return error;
      throw error;
    }
  }

  /** Whether `sample` is a valid sample of this space. */
  contains(sample: Sample): boolean {
    return this.checkContains(sample) === undefined;
  }

  /** Throws the {@link SampleValidationError} that {@link Mutable.checkContains} would return. */
  validate(sample: Sample): void {
    const error = this.checkContains(sample);
    if (error) throw error;
  }

  /** Validates `sample` and builds the concrete value it describes; only the sample's own keys are read. */
  freeze(sample: Sample): T {
    this.validate(sample);
    return this.materialize((decision) => (Object.hasOwn(sample, decision.label) ? sample[decision.label] : undefined));
  }

  /**
   * A random sample: each active decision draws from its distribution, except labels fixed in
   * `memo`. A sample that breaks a constraint is redrawn, up to {@link CONSTRAINT_RETRIES} times;
   * when the memo fixes every active decision, redrawing cannot help and the error comes at once.
   */
  random(rng: Rng, memo: Sample = NO_MEMO): Sample {
    this.simplify();
    const flat = randomFlatSample(this, memo, rng);
    if (flat !== undefined) return flat;
    let last: ConstraintViolation | undefined;
    for (let attempt = 0; attempt < CONSTRAINT_RETRIES; attempt++) {
      const { sample, violation, drew } = resolve(this, 'random', memo, rng);
      if (violation === undefined) return sample;
      if (!drew) {
        throw new ConstraintViolation({
          code: 'constraint-unsatisfiable',
          path: violation.path,
          message: `No random sample satisfied the constraints: the memo fixes every active decision, so redrawing cannot help; ${violation.message}`,
        });
      }
      last = violation;
    }
    throw new ConstraintViolation({
      code: 'constraint-unsatisfiable',
      path: last?.path ?? [],
      message: `No random sample satisfied the constraints after ${CONSTRAINT_RETRIES} draws; last: ${last?.message}`,
    });
  }

  /**
   * The default sample: every decision's default value. When that breaks a constraint, the first
   * grid point that satisfies all constraints is returned instead.
   */
  default(memo: Sample = NO_MEMO): Sample {
    this.simplify();
    const { sample, violation } = resolve(this, 'default', memo);
    if (violation === undefined) return sample;
    for (const point of this.grid({ memo })) return point;
    throw new ConstraintViolation({
      code: 'constraint-unsatisfiable',
      path: violation.path,
      message: `No grid point satisfies the constraints; the default sample breaks: ${violation.message}`,
    });
  }

  /** Every grid point, last decision fastest; see {@link GridOptions}. */
  *grid(options: GridOptions = {}): Generator<Sample> {
    this.simplify();
    const granularity = options.granularity ?? 1;
    if (!Number.isInteger(granularity) || granularity < 1) {
      throw new RangeError(`grid granularity must be an integer ≥ 1, got ${granularity}`);
    }
    yield* gridSamples(this, granularity, options.memo);
  }

  /**
   * The number of distinct samples (`Infinity` when a continuous decision is active). Constraints
   * are not applied: for a constrained space this is an upper bound; count `grid()` for the exact figure.
   */
  get size(): number {
    let size = SIZE.get(this);
    if (size === undefined) {
      this.simplify();
      size = countSamples(this);
      SIZE.set(this, size);
    }
    return size;
  }
}
