/**
 * Lazy arithmetic. TypeScript has no operator overloading, so every symbolic mutable (a choice, a
 * numerical, an expression) has methods — `a.add(b).mul(2)` — that build a {@link MutableExpression}
 * tree instead of computing. The tree is evaluated with Python's semantics once a sample fixes its
 * leaves. Integers (integral numbers, booleans) follow Python's exact int arithmetic: a result that
 * no JavaScript number holds exactly (past 2^53, such as `2 ** 53 + 1`) throws
 * `InexactIntegerError` instead of being rounded.
 */
import { SampleValidationError } from '@archspace/ir';
import type { Sample, SpaceNode } from './decision.js';
import { isMutable, Mutable, sameMember, type ValueOf } from './mutable.js';
import {
  pyAbs,
  pyAdd,
  pyCeil,
  pyCompare,
  pyEq,
  pyFloat,
  pyFloor,
  pyFloorDiv,
  pyGetItem,
  pyInt,
  pyMod,
  pyMul,
  pyNeg,
  pyPow,
  pyRound,
  pySub,
  pyTrueDiv,
  pyTruthy,
} from './python-ops.js';
import { pyRepr } from './repr.js';
import { valueNotAllowed } from './resolve.js';

/** An operator of an expression node: how to compute it and how to print it. */
export interface Operator {
  /** A short name, used in equality and JSON (`"add"`, `"max"`...). */
  readonly name: string;
  /** Renders the node from its rendered arguments. */
  format(args: readonly string[]): string;
  /** Computes the node from its evaluated arguments. */
  apply(values: readonly unknown[]): unknown;
  /**
   * Computes the node evaluating arguments on demand (`valueAt(i)`), for operators that must not
   * evaluate every argument (`condition`).
   */
  applyLazily?(valueAt: (index: number) => unknown): unknown;
}

function binary(name: string, symbol: string, fn: (a: unknown, b: unknown) => unknown): Operator {
  return { name, format: ([a, b]) => `${a} ${symbol} ${b}`, apply: ([a, b]) => fn(a, b) };
}

function call(name: string, fn: (values: readonly unknown[]) => unknown): Operator {
  return { name, format: (args) => `${name}(${args.join(', ')})`, apply: fn };
}

function extreme(name: 'max' | 'min', values: readonly unknown[]): unknown {
  if (values.length === 0) throw new TypeError(`${name}() expected at least one argument`);
  let best = values[0];
  for (let i = 1; i < values.length; i++) {
    const c = pyCompare(values[i], best, name === 'max' ? '>' : '<');
    if (name === 'max' ? c > 0 : c < 0) best = values[i];
  }
  return best;
}

/** The operators expressions are built from. */
export const OPERATORS = {
  add: binary('add', '+', pyAdd),
  sub: binary('sub', '-', pySub),
  mul: binary('mul', '*', pyMul),
  div: binary('div', '/', pyTrueDiv),
  floorDiv: binary('floorDiv', '//', pyFloorDiv),
  mod: binary('mod', '%', pyMod),
  pow: binary('pow', '**', pyPow),
  lt: binary('lt', '<', (a, b) => pyCompare(a, b, '<') < 0),
  le: binary('le', '<=', (a, b) => pyCompare(a, b, '<=') <= 0),
  gt: binary('gt', '>', (a, b) => pyCompare(a, b, '>') > 0),
  ge: binary('ge', '>=', (a, b) => pyCompare(a, b, '>=') >= 0),
  eq: binary('eq', '==', pyEq),
  ne: binary('ne', '!=', (a, b) => !pyEq(a, b)),
  and: binary('and', 'and', (a, b) => (pyTruthy(a) ? b : a)),
  or: binary('or', 'or', (a, b) => (pyTruthy(a) ? a : b)),
  neg: { name: 'neg', format: ([a]) => `-${a}`, apply: ([a]) => pyNeg(a) } as Operator,
  not: { name: 'not', format: ([a]) => `not ${a}`, apply: ([a]) => !pyTruthy(a) } as Operator,
  abs: call('abs', ([a]) => pyAbs(a)),
  round: call('round', ([a, digits]) => pyRound(a, digits as number | undefined)),
  floor: call('floor', ([a]) => pyFloor(a)),
  ceil: call('ceil', ([a]) => pyCeil(a)),
  toInt: call('int', ([a]) => pyInt(a)),
  toFloat: call('float', ([a]) => pyFloat(a)),
  max: call('max', (values) => extreme('max', values)),
  min: call('min', (values) => extreme('min', values)),
  getItem: { name: 'getItem', format: ([a, k]) => `${a}[${k}]`, apply: ([a, k]) => pyGetItem(a, k) } as Operator,
  // Arguments are stored as [ifTrue, predicate, ifFalse], the reference's order for positional evaluation.
  condition: {
    name: 'condition',
    format: ([t, p, f]) => `${t} if ${p} else ${f}`,
    apply: ([t, p, f]) => (pyTruthy(p) ? t : f),
    applyLazily: (valueAt) => (pyTruthy(valueAt(1)) ? valueAt(0) : valueAt(2)),
  } as Operator,
} satisfies Record<string, Operator>;

/** An operand of an expression: a plain value or a symbolic mutable. */
export type Operand = unknown;

/**
 * A mutable whose value can take part in lazy arithmetic: choices, numericals and expressions.
 * Every method returns a new {@link MutableExpression}; nothing is computed until a sample fixes the
 * leaves.
 *
 * @example
 * ```ts
 * const a = new Categorical([1, 2], { label: 'a' });
 * const width = a.mul(16).add(8);
 * width.freeze({ a: 2 }); // 40
 * ```
 */
export abstract class SymbolicMutable<T = unknown> extends Mutable<T> {
  /** `this + other` (numbers add, ints exactly; strings and lists concatenate). */
  add(other: Operand): MutableExpression {
    return new MutableExpression(OPERATORS.add, [this, other]);
  }
  /** `this - other` (ints exactly). */
  sub(other: Operand): MutableExpression {
    return new MutableExpression(OPERATORS.sub, [this, other]);
  }
  /** `this * other` (ints exactly; a string or list times an int repeats). */
  mul(other: Operand): MutableExpression {
    return new MutableExpression(OPERATORS.mul, [this, other]);
  }
  /** `this / other`, true division. */
  div(other: Operand): MutableExpression {
    return new MutableExpression(OPERATORS.div, [this, other]);
  }
  /** `this // other`, rounded toward −∞ (ints exactly). */
  floorDiv(other: Operand): MutableExpression {
    return new MutableExpression(OPERATORS.floorDiv, [this, other]);
  }
  /** `this % other`, with the divisor's sign (ints exactly). */
  mod(other: Operand): MutableExpression {
    return new MutableExpression(OPERATORS.mod, [this, other]);
  }
  /** `this ** other` (an int to a non-negative int power exactly). */
  pow(other: Operand): MutableExpression {
    return new MutableExpression(OPERATORS.pow, [this, other]);
  }
  /** `-this`. */
  neg(): MutableExpression {
    return new MutableExpression(OPERATORS.neg, [this]);
  }
  /** `abs(this)`. */
  abs(): MutableExpression {
    return new MutableExpression(OPERATORS.abs, [this]);
  }
  /** `round(this)` or `round(this, digits)`, half to even (an int to tens exactly: `round(25, -1) == 20`). */
  round(digits?: number): MutableExpression {
    return new MutableExpression(OPERATORS.round, digits === undefined ? [this] : [this, digits]);
  }
  /** `math.floor(this)`. */
  floor(): MutableExpression {
    return new MutableExpression(OPERATORS.floor, [this]);
  }
  /** `math.ceil(this)`. */
  ceil(): MutableExpression {
    return new MutableExpression(OPERATORS.ceil, [this]);
  }
  /** `this < other`. */
  lt(other: Operand): MutableExpression {
    return new MutableExpression(OPERATORS.lt, [this, other]);
  }
  /** `this <= other`. */
  le(other: Operand): MutableExpression {
    return new MutableExpression(OPERATORS.le, [this, other]);
  }
  /** `this > other`. */
  gt(other: Operand): MutableExpression {
    return new MutableExpression(OPERATORS.gt, [this, other]);
  }
  /** `this >= other`. */
  ge(other: Operand): MutableExpression {
    return new MutableExpression(OPERATORS.ge, [this, other]);
  }
  /** `this == other` (value equality). */
  eq(other: Operand): MutableExpression {
    return new MutableExpression(OPERATORS.eq, [this, other]);
  }
  /** `this != other`. */
  ne(other: Operand): MutableExpression {
    return new MutableExpression(OPERATORS.ne, [this, other]);
  }
  /** `this and other` (Python's: the first falsy operand, else the last). */
  and(other: Operand): MutableExpression {
    return new MutableExpression(OPERATORS.and, [this, other]);
  }
  /** `this or other` (Python's: the first truthy operand, else the last). */
  or(other: Operand): MutableExpression {
    return new MutableExpression(OPERATORS.or, [this, other]);
  }
  /** `not this`. */
  not(): MutableExpression {
    return new MutableExpression(OPERATORS.not, [this]);
  }
  /** `this[key]`, for list, tuple or dict values. */
  getItem(key: Operand): MutableExpression {
    return new MutableExpression(OPERATORS.getItem, [this, key]);
  }
  /** `int(this)`: numbers truncate toward zero, strings parse as Python's `int(s)` does (base 10). */
  toInt(): MutableExpression {
    return new MutableExpression(OPERATORS.toInt, [this]);
  }
  /** `float(this)`: strings parse as Python's `float(s)` does (`'1_000'`, `' inf '`; not `'0x1f'`). */
  toFloat(): MutableExpression {
    return new MutableExpression(OPERATORS.toFloat, [this]);
  }

  /**
   * Evaluates with explicit values: a `{label: value}` record, or a list with one value per leaf in
   * {@link Mutable.leaves} order (repeats included; repeated labels must get equal values).
   */
  evaluate(values: Sample | readonly unknown[]): T {
    if (!Array.isArray(values)) return this.materialize((decision) => (values as Sample)[decision.label]);
    const leaves = this.leaves();
    if (values.length !== leaves.length) {
      throw new SampleValidationError({
        code: 'wrong-value-count',
        expected: `${leaves.length} values, one per leaf (${leaves.map((l) => l.label).join(', ')})`,
        received: values,
      });
    }
    const byLabel: Sample = {};
    leaves.forEach((leaf, i) => {
      const value = values[i];
      const problem = leaf.problemWith(value);
      if (problem !== undefined) throw valueNotAllowed(leaf, value, problem);
      if (Object.hasOwn(byLabel, leaf.label) && !pyEq(byLabel[leaf.label], value)) {
        throw new SampleValidationError({
          code: 'inconsistent-label',
          path: [leaf.label],
          expected: `the same value at every occurrence of "${leaf.label}" (first given ${pyRepr(byLabel[leaf.label])})`,
          received: value,
        });
      }
      byLabel[leaf.label] = value;
    });
    return this.materialize((decision) => byLabel[decision.label]);
  }

  /** The value at every grid point, in grid order (the last label varies fastest); not deduplicated. */
  allOptions(): T[] {
    const out: T[] = [];
    for (const sample of this.grid()) out.push(this.materialize((decision) => sample[decision.label]));
    return out;
  }

  /** Renders this value inside an expression: labels for leaves, parenthesised sub-expressions. */
  abstract renderOperand(style: 'label' | 'repr'): string;
}

function renderOperand(value: unknown, style: 'label' | 'repr'): string {
  return value instanceof SymbolicMutable ? value.renderOperand(style) : pyRepr(value);
}

/**
 * A node of a lazy expression: an operator and its operands. Its leaves are the choices it
 * mentions; `freeze(sample)` validates them and evaluates with Python's arithmetic. `condition`
 * evaluates only the branch it takes.
 *
 * @example
 * ```ts
 * const e = a.add(b).add(c.mul(3));
 * e.allOptions(); // [19, 22, 20, 23, 20, 23, 21, 24] for a=[1,2], b=[3,4], c=[5,6]
 * String(e);      // "(a + b) + (c * 3)"
 * ```
 */
export class MutableExpression<T = unknown> extends SymbolicMutable<T> {
  readonly #children: readonly SpaceNode[];

  constructor(
    readonly operator: Operator,
    readonly args: readonly Operand[],
  ) {
    super();
    this.args = Object.freeze([...args]);
    this.#children = Object.freeze(this.args.filter(isMutable));
  }

  /** @inheritdoc */
  children(): readonly SpaceNode[] {
    return this.#children;
  }

  /** @inheritdoc */
  materialize(valueOf: ValueOf): T {
    const args = this.args;
    const valueAt = (i: number): unknown => {
      const arg = args[i];
      return isMutable(arg) ? arg.materialize(valueOf) : arg;
    };
    if (this.operator.applyLazily) return this.operator.applyLazily(valueAt) as T;
    const values = new Array<unknown>(args.length);
    for (let i = 0; i < args.length; i++) values[i] = valueAt(i);
    return this.operator.apply(values) as T;
  }

  /** @inheritdoc */
  equals(other: unknown): boolean {
    return (
      other instanceof MutableExpression &&
      other.operator.name === this.operator.name &&
      other.args.length === this.args.length &&
      this.args.every((arg, i) => sameMember(arg, other.args[i]))
    );
  }

  /** @inheritdoc */
  renderOperand(style: 'label' | 'repr'): string {
    return `(${this.render(style)})`;
  }

  /** Renders the expression with leaves shown by `style`. */
  render(style: 'label' | 'repr'): string {
    return this.operator.format(this.args.map((arg) => renderOperand(arg, style)));
  }

  /** Python-style description with full leaf descriptions: `(Categorical([1, 2], label='a') * 2) + 1`. */
  describe(): string {
    return this.render('repr');
  }

  /** The expression written with labels: `(a * 2) + 1`. */
  override toString(): string {
    return this.render('label');
  }
}

/** Whether any of `values` is a mutable (then helpers build expressions instead of computing). */
function anyMutable(values: readonly unknown[]): boolean {
  return values.some(isMutable);
}

/** Flattens `max(iterable)` into `max(a, b, ...)`, as the reference accepts both forms. */
function spreadArguments(name: string, values: readonly unknown[]): readonly unknown[] {
  if (values.length === 1) {
    const only = values[0];
    if (Array.isArray(only)) return only;
    throw new TypeError(`Expect more than one items to compare in ${name}(); got a single ${typeof only}`);
  }
  return values;
}

/** `max(a, b, ...)` or `max([a, b, ...])`; lazy when any argument is a mutable, eager otherwise. */
export function lazyMax(...values: unknown[]): unknown {
  const args = spreadArguments('max', values);
  return anyMutable(args) ? new MutableExpression(OPERATORS.max, args) : extreme('max', args);
}

/** `min(a, b, ...)` or `min([a, b, ...])`; lazy when any argument is a mutable, eager otherwise. */
export function lazyMin(...values: unknown[]): unknown {
  const args = spreadArguments('min', values);
  return anyMutable(args) ? new MutableExpression(OPERATORS.min, args) : extreme('min', args);
}

/**
 * `ifTrue if predicate else ifFalse`; lazy when any argument is a mutable. Only the branch taken is
 * evaluated, so `condition(x.ne(0), y.div(x), 0)` is safe at `x = 0` (the reference evaluates both).
 */
export function lazyCondition(predicate: unknown, ifTrue: unknown, ifFalse: unknown): unknown {
  const args = [ifTrue, predicate, ifFalse];
  if (anyMutable(args)) return new MutableExpression(OPERATORS.condition, args);
  return pyTruthy(predicate) ? ifTrue : ifFalse;
}

/** `int(value)` with Python's rules (see `pyInt`); lazy on a mutable. */
export function lazyToInt(value: unknown): unknown {
  return isMutable(value) ? new MutableExpression(OPERATORS.toInt, [value]) : pyInt(value);
}

/** `float(value)` with Python's rules (see `pyFloat`); lazy on a mutable. */
export function lazyToFloat(value: unknown): unknown {
  return isMutable(value) ? new MutableExpression(OPERATORS.toFloat, [value]) : pyFloat(value);
}
