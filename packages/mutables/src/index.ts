/**
 * @archspace/mutables — the search-space vocabulary: value choices, lazy expressions, containers,
 * constraints, labels, seeded randomness and search-space JSON.
 */
export {
  ConstraintViolation,
  DuplicationError,
  SampleMissingError,
  SampleValidationError,
  SearchSpaceError,
} from '@archspace/ir';
export { Categorical, type CategoricalOptions } from './categorical.js';
export { CategoricalMultiple, type CategoricalMultipleOptions } from './categorical-multiple.js';
export { type Decision, type Domain, isConstraint, isDecision, type Sample, type SpaceNode } from './decision.js';
export {
  MutableExpression,
  type Operand,
  type Operator,
  OPERATORS,
  SymbolicMutable,
  lazyCondition,
  lazyMax,
  lazyMin,
  lazyToFloat,
  lazyToInt,
} from './expression.js';
export { InexactIntegerError } from './exact-integer.js';
export { ExpressionConstraint, type ExpressionConstraintOptions } from './expression-constraint.js';
export { Label, type LabelLike, autoLabel, labelScope } from './label.js';
export { CONSTRAINT_RETRIES, type GridOptions, Mutable, isMutable, type ValueOf } from './mutable.js';
export { MutableDict, type DictEntries } from './mutable-dict.js';
export { MutableList } from './mutable-list.js';
export { NestedChoice, type NestedChoiceOptions } from './nested-choice.js';
export { Numerical, type NumericalDistribution, type NumericalOptions } from './numerical.js';
export { RandomInteger, type RandomIntegerOptions } from './random-integer.js';
export { Rng, type RngState, createRng } from './rng.js';
export { ValueChoice, type ValueChoiceOptions } from './value-choice.js';
export {
  SEARCH_SPACE_TYPES,
  type ParameterSpec,
  type SearchSpaceJson,
  type SearchSpaceType,
  fromSearchSpaceJson,
  toSearchSpaceJson,
} from './search-space-json.js';
export {
  NASBENCH101_INPUT,
  NASBENCH101_INPUT_LABEL,
  NASBENCH101_LIMITS,
  NASBENCH101_OPS,
  NASBENCH101_OUTPUT,
  NASBENCH101_OUTPUT_LABEL,
  assertNasBench101Cell,
  checkNasBench101Cell,
  enumerateNasBench101,
  hashNasBench101,
  hashNasBench101Cell,
  nasBench101Labels,
  nasBench101Ops,
  pruneNasBench101,
  type DisconnectedNasBench101Cell,
  type NasBench101CellCheck,
  type NasBench101CheckOptions,
  type NasBench101EnumeratedCell,
  type NasBench101EnumerateOptions,
  type NasBench101Matrix,
  type NasBench101Op,
  type NasBench101PruneResult,
  type NasBench101Spec,
  type PrunedNasBench101Cell,
} from './nasbench101/index.js';
export * from './nn/index.js';
export * from './hub/index.js';
export * from './lowering/index.js';
