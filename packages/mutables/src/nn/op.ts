/**
 * Operations: the leaves of a traced model. An {@link OpDefinition} says, from plain parameters and
 * input shapes, what shape comes out and how many parameters and FLOPs the operation costs; it is
 * registered by its IR type name, so the same facts can be computed from a recorded graph or an IR
 * model without the module objects. An {@link Op} is the module users put in their models.
 */
import { SearchSpaceError } from '@archspace/ir';
import { isMutable } from '../mutable.js';
import { isPlainObject, Module } from './module.js';
import { activeRecorder } from './recorder.js';
import type { Dim, Shape, Tensor } from './tensor.js';

/** Parameters as an op definition sees them: a mutable (not yet decided) reads as `null`. */
export type Resolved<P> = { readonly [K in keyof P]: NonNullable<P[K]> extends number ? P[K] | null : P[K] };

/** What an operation does to shapes and what it costs. */
export interface OpDefinition<P = Record<string, unknown>> {
  /** The IR operation type, e.g. `"Conv2d"`. */
  readonly type: string;
  /** How many input tensors it takes (`"variadic"` for one or more). */
  readonly arity: number | 'variadic';
  /** The output shape; throw {@link ShapeError} when the inputs do not fit. */
  inferShape(inputs: readonly Shape[], params: Resolved<P>): Shape;
  /** Trainable parameters (NAS-Bench-201 convention: every weight, bias and BN affine). */
  parameterCount?(inputs: readonly Shape[], params: Resolved<P>): number | null;
  /** Multiply-accumulates per example (NAS-Bench-201 convention: Conv2d and Linear, bias included). */
  flops?(inputs: readonly Shape[], output: Shape, params: Resolved<P>): number | null;
}

/** Inputs whose shapes an operation cannot take. */
export class ShapeError extends SearchSpaceError {}

const REGISTRY = new Map<string, OpDefinition<any>>();

/** Registers an operation by its IR type name and returns it. */
export function defineOp<P>(definition: OpDefinition<P>): OpDefinition<P> {
  if (REGISTRY.has(definition.type)) throw new Error(`operation type "${definition.type}" is defined twice`);
  REGISTRY.set(definition.type, definition);
  return definition;
}

/** The definition registered for `type`, or `undefined`. */
export function opDefinition(type: string): OpDefinition<any> | undefined {
  return REGISTRY.get(type);
}

/** Every registered operation type. */
export function opTypes(): string[] {
  return [...REGISTRY.keys()];
}

/** Replaces mutables (undecided values) by `null`, deeply. */
export function resolveParams<P>(params: P): Resolved<P> {
  const visit = (value: unknown): unknown => {
    if (isMutable(value)) return null;
    if (Array.isArray(value)) return value.map(visit);
    if (isPlainObject(value)) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, visit(v)]));
    }
    return value;
  };
  return visit(params) as Resolved<P>;
}

/**
 * Throws a {@link ShapeError} with `code` for the op being recorded, at the path of the module being
 * recorded (the op type outside a trace); `expected` follows the op type in the message.
 */
export function recordingError(code: string, type: string, expected: string, received: unknown): never {
  let where = '';
  try {
    where = activeRecorder(type).modulePath;
  } catch {
    where = '';
  }
  throw new ShapeError({ code, path: where ? [where] : [type], expected: `${type} ${expected}`, received });
}

/** Throws a {@link ShapeError} about an input of the op being recorded. */
export function shapeError(type: string, expected: string, received: unknown): never {
  return recordingError('shape-mismatch', type, `input ${expected}`, received);
}

/** Checks that `shape` has `rank` dimensions. */
export function expectRank(type: string, shape: Shape, rank: number | readonly number[]): void {
  const ranks = typeof rank === 'number' ? [rank] : rank;
  if (!ranks.includes(shape.length)) shapeError(type, `of rank ${ranks.join(' or ')}`, shape);
}

/** Checks that a dimension equals the expected size when both are known. */
export function expectDim(type: string, actual: Dim | undefined, expected: Dim, what: string): void {
  if (actual !== null && actual !== undefined && expected !== null && actual !== expected) {
    shapeError(type, `with ${what} ${expected}`, actual);
  }
}

/** `f(a, b)` when both are known, else `null`. */
export function combine(a: Dim, b: Dim, f: (a: number, b: number) => number): Dim {
  return a === null || b === null ? null : f(a, b);
}

/** The product of known numbers, or `null` if any is unknown. */
export function product(...values: readonly (number | null | undefined)[]): number | null {
  let out = 1;
  for (const v of values) {
    if (v === null || v === undefined) return null;
    out *= v;
  }
  return out;
}

/**
 * Records one node of `definition` on `inputs` and returns its output tensor. Inside an op module the
 * node is named by the module's path; a functional call (`functional: true`) is named
 * `<module path>.<type>`.
 */
export function applyOp<P extends Record<string, unknown>>(
  definition: OpDefinition<P>,
  params: P,
  inputs: readonly Tensor[],
  functional = false,
): Tensor {
  const recorder = activeRecorder(definition.type);
  if (definition.arity !== 'variadic' && inputs.length !== definition.arity) {
    shapeError(definition.type, `count ${definition.arity}`, inputs.length);
  }
  if (definition.arity === 'variadic' && inputs.length === 0) shapeError(definition.type, 'count of at least 1', 0);
  const shape = definition.inferShape(
    inputs.map((t) => t.shape),
    resolveParams(params),
  );
  const path = recorder.modulePath;
  const name = functional && path ? `${path}.${definition.type}` : undefined;
  return recorder.record(definition.type, params, inputs, [shape], name === undefined ? {} : { name })[0]!;
}

/**
 * A module that is one operation. Its parameters may hold value choices or expressions until the
 * space is frozen.
 */
export abstract class Op<P extends Record<string, unknown> = Record<string, unknown>> extends Module {
  /** The operation this module records. */
  abstract readonly definition: OpDefinition<P>;

  constructor(
    /** The operation's parameters (numbers, or mutables while not frozen). */
    readonly params: P,
  ) {
    super();
  }

  /** Records this operation on `inputs`. */
  forward(...inputs: Tensor[]): Tensor {
    return applyOp(this.definition, this.params, inputs);
  }

  /** @inheritdoc */
  override describe(): string {
    return `${this.definition.type}(${JSON.stringify(resolveParams(this.params))})`;
  }
}
