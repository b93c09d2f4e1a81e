/**
 * The walk of a space that never branches, done as a loop. When no decision of a space activates
 * children by its value, the walk of `resolve` visits the same decisions and constraints in the same
 * order for every sample, so that order is worked out once per space (spaces are immutable) and
 * each later walk is a loop over it: the same values, drawn in the same order, the same errors, the
 * same sample. Most hyper-parameter spaces and cell-based NAS spaces are of this kind.
 */
import type { ConstraintViolation } from '@archspace/ir';
import {
  type ConstraintNode,
  type Decision,
  isConstraint,
  isDecision,
  needsResolution,
  NO_MEMO,
  type Sample,
  smallRecord,
  type SpaceNode,
} from './decision.js';
import type { Rng } from './rng.js';

/** Makes the error for a value that a decision does not allow (`expected` says what it allows). */
export type NotAllowedError = (decision: Decision, value: unknown, expected: string) => Error;
/** Makes the error for a label that a checked sample lacks. */
export type MissingError = (decision: Decision, memo: Sample) => Error;

/** The decisions (the first of each label) and the constraints a walk visits, in its order. */
export interface FlatPlan {
  readonly decisions: readonly Decision[];
  readonly constraints: readonly ConstraintNode[];
}

/** What a flat walk returns: the sample, the first constraint it breaks and whether a value was drawn at random. */
export interface FlatWalk {
  readonly sample: Sample;
  readonly violation: ConstraintViolation | undefined;
  readonly drew: boolean;
}

const PLANS = new WeakMap<SpaceNode, FlatPlan | null>();

/** The plan of `root`'s walk, or `undefined` when some decision on it activates children by value. */
export function flatPlan(root: SpaceNode): FlatPlan | undefined {
  let plan = PLANS.get(root);
  if (plan === undefined) {
    plan = buildPlan(root);
    PLANS.set(root, plan);
  }
  return plan ?? undefined;
}

function buildPlan(root: SpaceNode): FlatPlan | null {
  const decisions: Decision[] = [];
  const constraints: ConstraintNode[] = [];
  const labels = new Set<string>();
  // Visits nodes as `resolve`'s walk does; false when the walk would branch on a value.
  const visit = (node: SpaceNode): boolean => {
    if (!needsResolution(node)) return true;
    if (isDecision(node)) {
      if (node.activeChildren !== undefined && (node.conditionalChildren === undefined || node.conditionalChildren().some(needsResolution))) {
        return false;
      }
      if (!labels.has(node.label)) {
        labels.add(node.label);
        decisions.push(node);
      }
    } else if (isConstraint(node)) constraints.push(node);
    for (const child of node.children()) if (!visit(child)) return false;
    return true;
  };
  return visit(root) ? { decisions, constraints } : null;
}

/**
 * What a flat walk found, given the `sample` that `fillFlat` made for it: the first constraint the
 * sample breaks, checked in order, and whether any value was drawn at random.
 */
export function finishFlatWalk(plan: FlatPlan, mode: 'check' | 'random' | 'default', memo: Sample, sample: Sample): FlatWalk {
  const constraints = plan.constraints;
  let violation: ConstraintViolation | undefined;
  for (let i = 0; i < constraints.length && violation === undefined; i++) violation = constraints[i]!.checkConstraint(sample);
  return { sample, violation, drew: mode === 'random' && plan.decisions.some((d) => !(memo !== NO_MEMO && Object.hasOwn(memo, d.label))) };
}

/**
 * Walks a flat space: each decision's value comes from `memo` when it holds the label (checked with
 * `problemWith`), otherwise from `mode`. Errors are those of `resolve`, made by `notAllowed` and
 * `missing`. Returns the sample alone: a space with no constraints needs nothing else (and a cold
 * sample's bytes cost page faults); `finishFlatWalk` checks the constraints.
 */
export function fillFlat(
  plan: FlatPlan,
  mode: 'check' | 'random' | 'default',
  memo: Sample,
  rng: Rng | undefined,
  notAllowed: NotAllowedError,
  missing: MissingError,
): Sample {
  const decisions = plan.decisions;
  const sample = smallRecord();
  const fixed = memo !== NO_MEMO;
  for (let i = 0; i < decisions.length; i++) {
    const decision = decisions[i]!;
    const label = decision.label;
    let value: unknown;
    if (fixed && Object.hasOwn(memo, label)) {
      value = memo[label];
      const problem = decision.problemWith(value);
      if (problem !== undefined) throw notAllowed(decision, value, problem);
    } else if (mode === 'random') value = decision.drawValue(rng!);
    else if (mode === 'default') value = decision.defaultValue();
    else throw missing(decision, memo);
    sample[label] = value;
  }
  return sample;
}

/**
 * Whether `sample` gives every decision of a flat space an allowed value, as a `check` walk would
 * find, without building the sample the walk returns: throws the walk's error, or returns `false`
 * when the plan has constraints (which need that sample; walk instead) and `true` when it passed.
 */
export function checkFlat(
  plan: FlatPlan,
  sample: Sample,
  notAllowed: NotAllowedError,
  missing: MissingError,
): boolean {
  if (plan.constraints.length > 0) return false;
  const decisions = plan.decisions;
  for (let i = 0; i < decisions.length; i++) {
    const decision = decisions[i]!;
    const label = decision.label;
    if (!Object.hasOwn(sample, label)) throw missing(decision, sample);
    const value = sample[label];
    const problem = decision.problemWith(value);
    if (problem !== undefined) throw notAllowed(decision, value, problem);
  }
  return true;
}
