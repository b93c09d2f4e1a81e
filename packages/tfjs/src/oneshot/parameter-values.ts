/**
 * The values an operation's parameter takes in a supernet: a plain value, or a mutable (a ValueChoice
 * or an expression of choices such as `width.mul(2)`) that each sample decides. The supernet compiles
 * an operation once, at the largest values, and masks it down to the values a path chooses.
 */
import { type Decision, type Sample, isMutable } from '@archspace/mutables';

/** The most combinations of leaf values one operation's parameters are evaluated at. */
export const MAX_PARAMETER_COMBINATIONS = 4096;

/** The distinct leaf decisions of the mutables among `values`, by label, in first-appearance order. */
export function leavesOf(...values: readonly unknown[]): Decision[] {
  const byLabel = new Map<string, Decision>();
  for (const value of values) {
    if (!isMutable(value)) continue;
    for (const leaf of value.leaves()) if (!byLabel.has(leaf.label)) byLabel.set(leaf.label, leaf);
  }
  return [...byLabel.values()];
}

/** The values of `leaf`, when it has finitely many and nothing nested; `undefined` otherwise. */
export function leafValues(leaf: Decision): readonly unknown[] | undefined {
  if (leaf.activeChildren !== undefined || !Number.isFinite(leaf.valueCount)) return undefined;
  const values = leaf.gridValues(1);
  return values.length === leaf.valueCount ? values : undefined;
}

/** `value` when each leaf takes its value in `sample` (a plain value is itself). */
export function valueUnder(value: unknown, sample: Sample): unknown {
  return isMutable(value) ? value.materialize((decision) => sample[decision.label]) : value;
}

/**
 * Every combination of the values of `leaves`, as samples (one empty sample for no leaves), or
 * `undefined` when a leaf is not enumerable or there are more than {@link MAX_PARAMETER_COMBINATIONS}.
 */
export function combinationsOf(leaves: readonly Decision[]): Sample[] | undefined {
  let out: Sample[] = [Object.create(null) as Sample];
  for (const leaf of leaves) {
    const values = leafValues(leaf);
    if (values === undefined || out.length * values.length > MAX_PARAMETER_COMBINATIONS) return undefined;
    out = out.flatMap((partial) => values.map((v) => Object.assign(Object.create(null) as Sample, partial, { [leaf.label]: v })));
  }
  return out;
}

/** A stable key for a parameter value: equal for the same expression of the same labels. */
export function valueKey(value: unknown): string {
  return isMutable(value) ? `mutable:${String(value)}` : `plain:${JSON.stringify(value)}`;
}
