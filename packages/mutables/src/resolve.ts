/**
 * One walk over a space serves random sampling, defaults and validation: it visits the active
 * decisions in depth-first order, takes each value from the memo (the sample being checked, or
 * values the caller fixed) or from the mode, and collects the active constraints. The result holds
 * exactly the active labels, so a sample never carries keys of branches that were not taken.
 */
import { ConstraintViolation, SampleMissingError, SampleValidationError } from '@archspace/ir';
import {
  type ConstraintNode,
  type Decision,
  isConstraint,
  isDecision,
  needsResolution,
  type Sample,
  smallRecord,
  type SpaceNode,
} from './decision.js';
import { checkFlat, fillFlat, finishFlatWalk, flatPlan } from './flat-walk.js';
import type { Rng } from './rng.js';

/** How a walk picks the value of a decision that the memo does not fix. */
export type ResolveMode = 'check' | 'random' | 'default';

/**
 * Checks that `value`, given as a sample or a memo, is a record `{label: value}` (an object that is
 * not an array); anything else is a {@link SampleValidationError}, not a crash further in.
 */
export function checkSampleRecord(value: unknown, role: 'sample' | 'memo'): asserts value is Sample {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SampleValidationError({ code: 'invalid-sample', path: [], expected: `a ${role}: an object {label: value}`, received: value });
  }
}

/** Error for a value that a decision does not allow. */
export function valueNotAllowed(decision: Decision, value: unknown, expected: string): SampleValidationError {
  return new SampleValidationError({ code: 'value-not-allowed', path: [decision.label], expected, received: value });
}

/** Error for a label that a sample lacks. */
export function labelMissing(decision: Decision, memo: Sample): SampleMissingError {
  const keys = Object.keys(memo);
  const shown = keys.length > 10 ? `${keys.slice(0, 10).join(', ')}, ...` : keys.join(', ');
  return new SampleMissingError({
    code: 'label-missing',
    path: [decision.label],
    message: `Label "${decision.label}" is missing from the sample; it is ${decision.describe()}. The sample has: [${shown}]`,
  });
}

/**
 * What a walk does at one node, worked out once per node (spaces are immutable): the node as a
 * decision or a constraint, the always-active children that hold decisions (the rest are skipped
 * without a call), and whether the active branch of a decision can hold decisions at all.
 */
interface WalkStep {
  readonly decision: Decision | undefined;
  readonly constraint: ConstraintNode | undefined;
  readonly children: readonly SpaceNode[];
  readonly followsActive: boolean;
}

const WALK_STEPS = new WeakMap<SpaceNode, WalkStep>();

function walkStep(node: SpaceNode): WalkStep {
  let step = WALK_STEPS.get(node);
  if (step === undefined) {
    const decision = isDecision(node) ? node : undefined;
    step = {
      decision,
      constraint: isConstraint(node) ? node : undefined,
      children: node.children().filter(needsResolution),
      followsActive:
        decision?.activeChildren !== undefined &&
        (decision.conditionalChildren === undefined || decision.conditionalChildren().some(needsResolution)),
    };
    WALK_STEPS.set(node, step);
  }
  return step;
}

class Walk {
  readonly out: Sample = smallRecord();
  readonly constraints: ConstraintNode[] = [];
  /** Whether some value was drawn at random rather than taken from the memo. */
  drew = false;

  constructor(
    readonly mode: ResolveMode,
    readonly memo: Sample,
    readonly rng: Rng | undefined,
  ) {}

  visit(node: SpaceNode): void {
    if (!needsResolution(node)) return;
    this.follow(node);
  }

  /** Visits a node that needs resolution, using its cached {@link WalkStep}. */
  private follow(node: SpaceNode): void {
    const step = walkStep(node);
    if (step.decision !== undefined) {
      const label = step.decision.label;
      let value: unknown;
      if (Object.hasOwn(this.out, label)) value = this.out[label];
      else {
        value = this.decide(step.decision);
        this.out[label] = value;
      }
      const children = step.children;
      for (let i = 0; i < children.length; i++) this.follow(children[i]!);
      if (step.followsActive) {
        const active = step.decision.activeChildren!(value);
        for (let i = 0; i < active.length; i++) this.visit(active[i]!);
      }
      return;
    }
    if (step.constraint !== undefined) this.constraints.push(step.constraint);
    const children = step.children;
    for (let i = 0; i < children.length; i++) this.follow(children[i]!);
  }

  decide(decision: Decision): unknown {
    const label = decision.label;
    if (Object.hasOwn(this.memo, label)) {
      const value = this.memo[label];
      const problem = decision.problemWith(value);
      if (problem !== undefined) throw valueNotAllowed(decision, value, problem);
      return value;
    }
    switch (this.mode) {
      case 'check':
        throw labelMissing(decision, this.memo);
      case 'random':
        this.drew = true;
        return decision.drawValue(this.rng!);
      case 'default':
        return decision.defaultValue();
    }
  }

  firstViolation(): ConstraintViolation | undefined {
    for (const constraint of this.constraints) {
      const violation = constraint.checkConstraint(this.out);
      if (violation) return violation;
    }
    return undefined;
  }
}

/** The outcome of one walk: the active sample and the first constraint it breaks, if any. */
export interface Resolution {
  readonly sample: Sample;
  readonly violation: ConstraintViolation | undefined;
  /** Whether the walk drew any value at random (when not, another walk gives the same sample). */
  readonly drew: boolean;
}

/**
 * Walks `root` once. Throws {@link SampleValidationError} for a memo that is not a record or holds a
 * value that is not allowed and, in
 * `check` mode, {@link SampleMissingError} for a missing label; constraints are reported, not thrown.
 */
export function resolve(root: SpaceNode, mode: ResolveMode, memo: Sample, rng?: Rng): Resolution {
  checkSampleRecord(memo, mode === 'check' ? 'sample' : 'memo');
  const plan = flatPlan(root);
  if (plan !== undefined) return finishFlatWalk(plan, mode, memo, fillFlat(plan, mode, memo, rng, valueNotAllowed, labelMissing));
  const walk = new Walk(mode, memo, rng);
  walk.visit(root);
  return { sample: walk.out, violation: walk.constraints.length > 0 ? walk.firstViolation() : undefined, drew: walk.drew };
}

/**
 * A random sample of a flat space with no constraints (which no redraw could change), as
 * `resolve(root, 'random', memo, rng).sample` gives it and with the same errors, without the
 * resolution record; `undefined` for any other space, which `resolve` walks.
 */
export function randomFlatSample(root: SpaceNode, memo: Sample, rng: Rng): Sample | undefined {
  const plan = flatPlan(root);
  if (plan === undefined || plan.constraints.length > 0) return undefined;
  checkSampleRecord(memo, 'memo');
  return fillFlat(plan, 'random', memo, rng, valueNotAllowed, labelMissing);
}

/**
 * The first constraint `sample` breaks, or `undefined`: what `resolve(root, 'check', sample).violation`
 * gives, and the same errors thrown, without building the resolved sample when no constraint needs it.
 */
export function checkResolution(root: SpaceNode, sample: Sample): ConstraintViolation | undefined {
  checkSampleRecord(sample, 'sample');
  const plan = flatPlan(root);
  if (plan !== undefined && checkFlat(plan, sample, valueNotAllowed, labelMissing)) return undefined;
  return resolve(root, 'check', sample).violation;
}
