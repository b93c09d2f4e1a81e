/**
 * Enumerates a space's grid: the active decisions in first-appearance order, the last one varying
 * fastest, each over its grid values; a conditional decision's branch is enumerated only under the
 * value that activates it. Points that break an active constraint are skipped. The walk is lazy:
 * nothing is listed ahead, and a decision's values are taken one at a time when it offers them so.
 */
import type { ConstraintNode, Sample, SpaceNode } from './decision.js';
import { copySample, emptyRecord, isConstraint, isDecision, needsResolution } from './decision.js';
import { checkSampleRecord, valueNotAllowed } from './resolve.js';

interface Pending {
  readonly head: SpaceNode;
  readonly tail: Pending | null;
}

function prepend(nodes: readonly SpaceNode[], tail: Pending | null): Pending | null {
  let list = tail;
  for (let i = nodes.length - 1; i >= 0; i--) if (needsResolution(nodes[i]!)) list = { head: nodes[i]!, tail: list };
  return list;
}

function* walk(
  pending: Pending | null,
  out: Sample,
  memo: Sample,
  granularity: number,
  constraints: ConstraintNode[],
): Generator<Sample> {
  // Expand containers until the next decision, remembering constraints on the way.
  const added = constraints.length;
  while (pending !== null && !isDecision(pending.head)) {
    const node = pending.head;
    if (isConstraint(node)) constraints.push(node);
    pending = prepend(node.children(), pending.tail);
  }
  try {
    if (pending === null) {
      for (const constraint of constraints) if (constraint.checkConstraint(out)) return;
      yield copySample(out);
      return;
    }
    const decision = pending.head;
    if (!isDecision(decision)) return;
    const label = decision.label;
    const rest = pending.tail;
    const branch = (value: unknown) =>
      prepend(
        decision.activeChildren ? [...decision.children(), ...decision.activeChildren(value)] : decision.children(),
        rest,
      );
    if (Object.hasOwn(out, label)) {
      yield* walk(branch(out[label]), out, memo, granularity, constraints);
      return;
    }
    let values: Iterable<unknown>;
    if (Object.hasOwn(memo, label)) {
      const fixed = memo[label];
      const problem = decision.problemWith(fixed);
      if (problem !== undefined) throw valueNotAllowed(decision, fixed, problem);
      values = [fixed];
    } else {
      values = decision.lazyGridValues ? decision.lazyGridValues(granularity) : decision.gridValues(granularity);
    }
    for (const value of values) {
      out[label] = value;
      yield* walk(branch(value), out, memo, granularity, constraints);
    }
    delete out[label];
  } finally {
    constraints.length = added;
  }
}

/** Yields every grid point of `root` as a fresh sample; labels fixed in `memo` keep their value. */
export function* gridSamples(root: SpaceNode, granularity: number, memo: Sample = emptyRecord()): Generator<Sample> {
  checkSampleRecord(memo, 'memo');
  yield* walk({ head: root, tail: null }, emptyRecord(), memo, granularity, []);
}
