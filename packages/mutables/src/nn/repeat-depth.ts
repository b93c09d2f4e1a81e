/**
 * What a Repeat's `depth` argument means: a fixed depth, a `[min, max]` range (a new choice), a
 * choice of depths (the Repeat becomes that decision), or any other symbolic value — an expression
 * such as `choice.add(1)` — whose value is the depth, with its depths found by evaluating it at
 * every combination of its leaves' values.
 */
import { SearchSpaceError } from '@archspace/ir';
import { Categorical } from '../categorical.js';
import type { Decision } from '../decision.js';
import { SymbolicMutable } from '../expression.js';
import { autoLabel, type LabelLike } from '../label.js';

/** A fixed depth, an inclusive `[min, max]` range, a choice of depths, or an expression of choices. */
export type RepeatDepth = number | readonly [number, number] | Categorical<number> | SymbolicMutable;

/**
 * The largest depth a Repeat accepts: it builds one block per position up to its largest depth,
 * so a larger one would cost memory and time for nothing a network can use.
 */
export const MAX_REPEAT_DEPTH = 10_000;

/** The most combinations of leaf values a depth expression is evaluated at to find its depths. */
export const MAX_DEPTH_COMBINATIONS = 2 ** 20;

/** A Repeat's depth, understood. */
export interface ResolvedDepth {
  /** The decision whose value is the depth (a `[min, max]` range becomes one). */
  readonly choice?: Categorical<number>;
  /** The symbolic value that computes the depth from its leaves. */
  readonly expression?: SymbolicMutable;
  /** The distinct leaf decisions of `expression`, in first-appearance order. */
  readonly leaves: readonly Decision[];
  /** The possible depths (a choice's in its order; an expression's ascending). */
  readonly depths: readonly number[];
  readonly minDepth: number;
  readonly maxDepth: number;
}

/** Throws the `invalid-repeat` error: `expected` says what was wanted. */
export function invalidRepeat(expected: string, received: unknown): never {
  throw new SearchSpaceError({ code: 'invalid-repeat', expected, received });
}

function isDepth(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function checkLargest(depth: number, received: unknown): void {
  if (depth > MAX_REPEAT_DEPTH) {
    throw new SearchSpaceError({
      code: 'repeat-too-deep',
      expected: `a largest depth of at most ${MAX_REPEAT_DEPTH} (a Repeat builds one block per position up to it)`,
      received,
    });
  }
}

function extremes(depths: readonly number[]): { minDepth: number; maxDepth: number } {
  let minDepth = Infinity;
  let maxDepth = -Infinity;
  for (const d of depths) {
    if (d < minDepth) minDepth = d;
    if (d > maxDepth) maxDepth = d;
  }
  return { minDepth, maxDepth };
}

function fromDepths(depths: readonly number[], received: unknown, rest: Omit<ResolvedDepth, 'depths' | 'minDepth' | 'maxDepth'>): ResolvedDepth {
  const { minDepth, maxDepth } = extremes(depths);
  checkLargest(maxDepth, received);
  if (maxDepth < 1) invalidRepeat('a largest depth of at least 1', received);
  return { ...rest, depths, minDepth, maxDepth };
}

function distinctLeaves(expression: SymbolicMutable): Decision[] {
  const byLabel = new Map<string, Decision>();
  for (const leaf of expression.leaves()) if (!byLabel.has(leaf.label)) byLabel.set(leaf.label, leaf);
  return [...byLabel.values()];
}

/** The depths an expression takes: its value at every combination of its leaves' values. */
function expressionDepths(expression: SymbolicMutable, leaves: readonly Decision[]): number[] {
  let combinations = 1;
  for (const leaf of leaves) {
    const enumerable = Number.isFinite(leaf.valueCount) && leaf.gridValues(1).length === leaf.valueCount;
    if (leaf.activeChildren !== undefined || !enumerable) {
      invalidRepeat(`a depth expression over choices with finitely many values and nothing nested, but "${leaf.label}" is ${leaf.describe()}`, String(expression));
    }
    combinations *= leaf.valueCount;
  }
  if (combinations > MAX_DEPTH_COMBINATIONS) {
    throw new SearchSpaceError({
      code: 'repeat-too-deep',
      expected: `a depth expression whose leaves have at most ${MAX_DEPTH_COMBINATIONS} combinations of values`,
      received: combinations,
    });
  }
  const depths = new Set<number>();
  for (const sample of expression.grid()) {
    const depth = expression.materialize((decision) => sample[decision.label]);
    if (!isDepth(depth)) invalidRepeat(`a depth expression whose every value is an integer ≥ 0; ${String(expression)} is ${String(depth)} at ${JSON.stringify(sample)}`, depth);
    depths.add(depth);
  }
  return [...depths].sort((a, b) => a - b);
}

/** Understands a Repeat's `depth` argument; `label` names the choice a `[min, max]` range becomes. */
export function resolveRepeatDepth(depth: RepeatDepth, label: LabelLike | undefined): ResolvedDepth {
  if (typeof depth === 'number') {
    if (!isDepth(depth)) invalidRepeat('a depth that is an integer ≥ 0', depth);
    return fromDepths([depth], depth, { leaves: [] });
  }
  if (depth instanceof Categorical) {
    if (!depth.values.every(isDepth)) invalidRepeat('a depth choice over integers ≥ 0', depth.values);
    return fromDepths(depth.values, depth.values, { choice: depth, leaves: [] });
  }
  if (depth instanceof SymbolicMutable) {
    // A decision other than a Categorical (a RandomInteger, say) is the expression of itself.
    const leaves = distinctLeaves(depth);
    const depths = expressionDepths(depth, leaves);
    if (leaves.length === 0) return fromDepths(depths, String(depth), { leaves });
    return fromDepths(depths, String(depth), { expression: depth, leaves });
  }
  if (Array.isArray(depth) && depth.length === 2) {
    const [low, high] = depth as readonly [number, number];
    if (!isDepth(low) || !isDepth(high) || high < low) invalidRepeat('a [min, max] range of integers with 0 ≤ min ≤ max', depth);
    checkLargest(high, depth);
    const choice = new Categorical(
      Array.from({ length: high - low + 1 }, (_, i) => low + i),
      { label: autoLabel(label) },
    );
    return fromDepths(choice.values, depth, { choice, leaves: [] });
  }
  return invalidRepeat('a number, a [min, max] range, a Categorical/ValueChoice of depths or an expression of choices', depth);
}
