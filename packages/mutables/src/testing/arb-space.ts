/**
 * A fast-check arbitrary of value-level spaces built from every primitive — choices of every
 * search-space JSON type, nested choices, subsets, lazy expressions, shared labels, lists and a
 * constraint — for property tests of code that must work on any space (strategies, serializers).
 */
import fc from 'fast-check';
import { Categorical } from '../categorical.js';
import { CategoricalMultiple } from '../categorical-multiple.js';
import { ExpressionConstraint } from '../expression-constraint.js';
import { lazyCondition, lazyMax, type MutableExpression, type SymbolicMutable } from '../expression.js';
import { Label } from '../label.js';
import type { Mutable } from '../mutable.js';
import { MutableDict } from '../mutable-dict.js';
import { MutableList } from '../mutable-list.js';
import { fromSearchSpaceJson, type SearchSpaceJson } from '../search-space-json.js';
import { arbSearchSpaceJson } from './arb-search-space-json.js';

type BinaryName = 'add' | 'sub' | 'mul' | 'floorDiv' | 'mod' | 'max' | 'condition';

interface Blueprint {
  readonly document: SearchSpaceJson;
  readonly subset: { values: number[]; n: number | null } | null;
  readonly expression: { a: number[]; b: number[]; op: BinaryName } | null;
  readonly shared: boolean;
  readonly constraint: boolean;
  readonly list: boolean;
}

function combine(op: BinaryName, a: SymbolicMutable, b: SymbolicMutable): unknown {
  switch (op) {
    case 'max':
      return lazyMax(a, b);
    case 'condition':
      return lazyCondition(a.gt(b), a, b);
    default:
      return (a[op] as (other: unknown) => MutableExpression)(b);
  }
}

function build(blueprint: Blueprint): Mutable {
  let counter = 0;
  const label = () => Label.absolute(`~${++counter}`);
  const entries: [string, unknown][] = [['params', fromSearchSpaceJson(blueprint.document)]];
  if (blueprint.subset) {
    const { values, n } = blueprint.subset;
    const count = n === null ? undefined : 1 + (n % values.length);
    entries.push(['subset', new CategoricalMultiple(values, { label: label(), ...(count !== undefined ? { n: count } : {}) })]);
  }
  if (blueprint.expression) {
    const a = new Categorical(blueprint.expression.a, { label: label() });
    const b = new Categorical(blueprint.expression.b, { label: label() });
    entries.push(['expression', combine(blueprint.expression.op, a, b)]);
    if (blueprint.shared) {
      entries.push(['sameObject', a]);
      entries.push(['sameLabel', new Categorical(blueprint.expression.a, { label: Label.absolute(a.label) })]);
    }
    if (blueprint.constraint) entries.push(['constraint', new ExpressionConstraint(a.ne(b), { label: label() })]);
  }
  if (blueprint.list) entries.push(['list', new MutableList([new Categorical(['x', 'y'], { label: label() }), 3])]);
  return new MutableDict(entries);
}

/**
 * Random value-level spaces using every primitive. Divisors of generated expressions are never 0,
 * and the constraint is always satisfiable.
 */
export function arbSpace(): fc.Arbitrary<Mutable> {
  const small = fc.uniqueArray(fc.integer({ min: -20, max: 20 }), { minLength: 2, maxLength: 4 });
  const divisors = fc.uniqueArray(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 4 });
  return fc
    .record({
      document: arbSearchSpaceJson({ maxParameters: 3, maxDepth: 2 }),
      subset: fc.option(fc.record({ values: fc.uniqueArray(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 5 }), n: fc.option(fc.nat(5)) })),
      expression: fc.option(
        fc.record({ a: small, b: divisors, op: fc.constantFrom<BinaryName>('add', 'sub', 'mul', 'floorDiv', 'mod', 'max', 'condition') }),
      ),
      shared: fc.boolean(),
      constraint: fc.boolean(),
      list: fc.boolean(),
    })
    .map(build);
}
