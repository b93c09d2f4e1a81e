import { strykerOptions } from './stryker-options.mjs';

/**
 * The value-level hot paths every search runs through (decisions, samples, expressions, labels,
 * search-space JSON). `ARCHSPACE_MUTATION_SCOPE=all` mutates the whole package (nn, lowering and the
 * NAS-Bench-101 code too: several hours on 2 cores; incremental runs reuse what is done).
 */
const hotPaths = [
  'categorical', 'categorical-multiple', 'numerical', 'random-integer', 'nested-choice', 'decision', 'symbolic-decision',
  'mutable', 'mutable-dict', 'mutable-list', 'expression', 'python-ops', 'python-number-syntax', 'exact-integer', 'label',
  'space-size', 'search-space-json', 'value-index', 'grid-walk', 'rng', 'normal-quantile', 'resolve',
].map((name) => `packages/mutables/src/${name}.ts`);

export default strykerOptions('mutables', process.env.ARCHSPACE_MUTATION_SCOPE === 'all' ? ['packages/mutables/src/**/*.ts'] : hotPaths);
