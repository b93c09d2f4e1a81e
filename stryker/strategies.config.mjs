import { strykerOptions } from './stryker-options.mjs';

/**
 * The paths every search runs through: the ask/tell session and search loop, random and grid search,
 * regularized evolution, TPE, Hyperband, the median-stop assessor, and the checks of options and outcomes. `ARCHSPACE_MUTATION_SCOPE=all`
 * mutates the whole package (BOHB, PolicyBasedRL, curve fitting and the benchmark tables too);
 * incremental runs reuse what is done.
 */
const hotPaths = [
  'strategy', 'search', 'random', 'grid-search', 'regularized-evolution', 'tpe', 'tpe-dimension', 'tpe-parzen',
  'proposed-samples', 'refining-grid', 'sample-key', 'median-stop', 'hyperband', 'strategy-options',
].map((name) => `packages/strategies/src/${name}.ts`);

export default strykerOptions('strategies', process.env.ARCHSPACE_MUTATION_SCOPE === 'all' ? ['packages/strategies/src/**/*.ts'] : hotPaths);
