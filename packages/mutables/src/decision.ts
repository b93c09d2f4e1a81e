/**
 * The contract between a space and everything that samples it. A {@link Decision} is a labeled
 * mutable that owns one key of a sample (a Categorical, a Numerical, a LayerChoice...); every other
 * mutable is a container of decisions. Random sampling, grid walks, defaults and validation are all
 * written once against this interface.
 */
import { isDeepStrictEqual } from 'node:util';
import type { ConstraintViolation } from '@archspace/ir';
import type { Rng } from './rng.js';

/**
 * A flat record `{label: value}`: one value per active decision of a space. Samples a space makes
 * have no prototype (see {@link emptyRecord}); samples given to a space may be any object, and only
 * their own keys count.
 */
export type Sample = Record<string, unknown>;

/**
 * A new record with no prototype. Labels and JSON keys are user data: in such a record `"constructor"`,
 * `"toString"` or `"__proto__"` is an ordinary own key, never something inherited or a prototype.
 */
export function emptyRecord<T = unknown>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/**
 * A new record with no prototype, like {@link emptyRecord}, made the way V8 handles fastest while it
 * holds few keys: `Object.create(null)` makes a dictionary-mode object, whose every new key costs a
 * hash-table insertion, while this one keeps a hidden class (V8 still turns it into a dictionary
 * past a dozen or so keys). For the records made once per sample.
 */
export function smallRecord<T = unknown>(): Record<string, T> {
  return Object.setPrototypeOf({}, null) as Record<string, T>;
}

/** The memo of a call that fixes no label: one shared frozen record, so such a call allocates none. */
export const NO_MEMO: Sample = Object.freeze(smallRecord());

/** A copy of `sample`'s own keys in a record with no prototype. */
export function copySample(sample: Sample): Sample {
  return Object.assign(emptyRecord(), sample);
}

/**
 * What values a decision takes, in a form strategies can reason about without knowing the class.
 * `integer` is the half-open range `[low, high)`.
 */
export type Domain =
  | { readonly kind: 'categorical'; readonly values: readonly unknown[]; readonly weights?: readonly number[] }
  | {
      readonly kind: 'subset';
      readonly values: readonly unknown[];
      readonly count?: number;
      readonly weights?: readonly number[];
    }
  | { readonly kind: 'integer'; readonly low: number; readonly high: number }
  | {
      readonly kind: 'numerical';
      readonly low: number;
      readonly high: number;
      readonly mu?: number;
      readonly sigma?: number;
      readonly log: boolean;
      readonly quantize?: number;
    };

/** Brand that marks an object as a {@link Decision}. */
export const DECISION: unique symbol = Symbol.for('archspace.decision');
/** Brand that marks an object as a {@link ConstraintNode}. */
export const CONSTRAINT: unique symbol = Symbol.for('archspace.constraint');

/** Anything that can appear in a space's tree: it lists the sub-mutables that are always active. */
export interface SpaceNode {
  /** Sub-mutables that take part whatever the sample says. */
  children(): readonly SpaceNode[];
}

/** A labeled mutable that owns one key of every sample in which it is active. */
export interface Decision<V = unknown> extends SpaceNode {
  readonly [DECISION]: true;
  /** The sample key; equal labels mean one shared decision. */
  readonly label: string;
  /** The set of values, for strategies. */
  readonly domain: Domain;
  /** How many distinct values exist (`Infinity` for continuous ranges). */
  readonly valueCount: number;
  /** Why `value` is not allowed (what is allowed, in words), or `undefined` when it is allowed. */
  problemWith(value: unknown): string | undefined;
  /** A random allowed value. */
  drawValue(rng: Rng): V;
  /** The value used by `default()`. */
  defaultValue(): V;
  /** The values a grid walk visits, in order (`granularity` refines continuous ranges). */
  gridValues(granularity: number): readonly V[];
  /**
   * The values of {@link Decision.gridValues}, in the same order, made one at a time. Decisions whose
   * grid can be too large to list (the subsets of many values) implement it; grid walks use it
   * when present, so their first point comes at once.
   */
  lazyGridValues?(granularity: number): Iterable<V>;
  /** Sub-mutables that become active when this decision takes `value` (a LayerChoice's chosen candidate). */
  activeChildren?(value: V): readonly SpaceNode[];
  /** Every sub-mutable that some value activates (all that `activeChildren` can return), for `simplify()` and walks. */
  conditionalChildren?(): readonly SpaceNode[];
  /** Whether `other` is the same decision (same class, values, weights, default). */
  sameDecision(other: Decision): boolean;
  /** Python-style description, such as `Categorical([1, 2], label='a')`. */
  describe(): string;
  /** Where the decision was created, for error messages. */
  readonly origin: { toString(): string };
}

/** A node that accepts or rejects a whole sample (an ExpressionConstraint). */
export interface ConstraintNode extends SpaceNode {
  readonly [CONSTRAINT]: true;
  readonly label: string;
  /** The violation, or `undefined` when `sample` satisfies the constraint. */
  checkConstraint(sample: Sample): ConstraintViolation | undefined;
}

/** Whether `node` is a {@link Decision}. */
export function isDecision(node: unknown): node is Decision {
  return typeof node === 'object' && node !== null && (node as { [DECISION]?: boolean })[DECISION] === true;
}

/** Whether `node` is a {@link ConstraintNode}. */
export function isConstraint(node: unknown): node is ConstraintNode {
  return typeof node === 'object' && node !== null && (node as { [CONSTRAINT]?: boolean })[CONSTRAINT] === true;
}

/** The empty child list of decisions, whose contents are active only for some values. */
export const NO_CHILDREN: readonly SpaceNode[] = Object.freeze([]);

/** Whether two decisions have the same label, the same domain and the same default value. */
export function sameDecisionByValue(a: Decision, b: Decision): boolean {
  return a.label === b.label && isDeepStrictEqual(a.domain, b.domain) && isDeepStrictEqual(a.defaultValue(), b.defaultValue());
}

const NEEDS_RESOLUTION = new WeakMap<object, boolean>();

/**
 * Whether a walk over `node` has anything to do: it is, or holds, a decision or a constraint.
 * Cached per node (spaces are immutable), so sampling and freezing skip decision-free sub-trees.
 */
export function needsResolution(node: SpaceNode): boolean {
  let needed = NEEDS_RESOLUTION.get(node);
  if (needed === undefined) {
    needed = isDecision(node) || isConstraint(node) || node.children().some(needsResolution);
    NEEDS_RESOLUTION.set(node, needed);
  }
  return needed;
}
