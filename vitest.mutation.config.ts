import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

/**
 * The test files that cover each mutation target (`npm run mutation`). Stryker's vitest runner reads
 * this config; `ARCHSPACE_MUTATION_TARGET`, set by `stryker/<target>.config.mjs`, picks the tests, so a
 * mutant runs only its own package's tests. `npm test` keeps using `vitest.config.ts`.
 */
const testsOf: Record<string, string[]> = {
  ir: ['packages/ir/src/**/*.test.ts'],
  mutables: ['packages/mutables/src/**/*.test.ts'],
  strategies: ['packages/strategies/src/**/*.test.ts'],
  serializer: ['packages/experiment/src/serializer/**/*.test.ts'],
};

const target = process.env.ARCHSPACE_MUTATION_TARGET ?? '';
const include = testsOf[target];
if (include === undefined) {
  throw new Error(`vitest.mutation.config.ts: ARCHSPACE_MUTATION_TARGET must be one of ${Object.keys(testsOf).join(', ')}; got "${target}"`);
}

/**
 * Tests that read the source text (the loader's "no eval" scan) see Stryker's instrumented copy,
 * which calls `Function(...)` itself; they guard the text, not behaviour, so they do not run here.
 */
const sourceTextTests = /^(?!.*has no eval, Function constructor)/;

/**
 * Scale tests (10,000 mutations of a 1,000-node model, multi-megabyte payloads, BOHB's full
 * NAS-Bench-201 runs) take seconds each and would run for every mutant they cover; they guard limits
 * and quality that the other tests of each target reach at small sizes, so leaving them out can only
 * lower the score.
 */
const scaleTests = ['packages/ir/src/history-keeps-models.test.ts', 'packages/experiment/src/serializer/size-and-depth-limits.test.ts', 'packages/strategies/src/bohb-nasbench201.test.ts'];

// The suite's split into projects is not wanted here: one target's files run as one set.
const { projects: _projects, ...baseTest } = base.test ?? {};

export default defineConfig({
  ...base,
  test: {
    ...baseTest,
    include,
    exclude: [...(baseTest.exclude ?? []), ...scaleTests],
    testNamePattern: sourceTextTests,
    setupFiles: ['stryker/fewer-property-runs.ts'],
    // One worker keeps its modules between mutants: Stryker switches mutants at run time, so nothing is reloaded.
    isolate: false,
  },
});
