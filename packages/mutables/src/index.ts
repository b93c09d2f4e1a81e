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
