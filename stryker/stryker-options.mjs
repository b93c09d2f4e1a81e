// Shared StrykerJS options for `npm run mutation` (scripts/mutation.mjs). Each stryker/<target>.config.mjs
// names the files it mutates; the tests that may kill them are picked by vitest.mutation.config.ts.

/** Test files, test support and benches are never mutated. */
const notMutated = ['!**/*.test.ts', '!**/test-support/**', '!**/testing/**'];

/**
 * The Stryker options for one target.
 * @param {string} target the name used for the incremental file and the report (`ir`, `mutables`, …)
 * @param {string[]} mutate globs of the source files to mutate
 * @returns {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export function strykerOptions(target, mutate) {
  process.env.ARCHSPACE_MUTATION_TARGET = target;
  return {
    packageManager: 'pnpm',
    testRunner: 'vitest',
    plugins: ['@stryker-mutator/vitest-runner'],
    vitest: { configFile: 'vitest.mutation.config.ts' },
    mutate: [...mutate, ...notMutated],
    // Only what the tests read is copied into the sandbox.
    ignorePatterns: ['dist', 'bench', 'reports', 'coverage', '.ci'],
    coverageAnalysis: 'perTest',
    concurrency: 2,
    incremental: true,
    incrementalFile: `stryker/incremental/${target}.json`,
    reporters: ['clear-text', 'progress-append-only', 'html'],
    htmlReporter: { fileName: `reports/mutation/${target}.html` },
    clearTextReporter: { allowColor: false, reportMutants: false, reportTests: false, logTests: false },
    tempDirName: '.stryker-tmp',
    cleanTempDir: true,
    // A mutant that makes a test loop is a timeout (counted as detected) after 1.5 × its normal time + 3 s.
    timeoutMS: 3_000,
    // Mutants in code that runs when a module loads would need every test to run for each of them.
    ignoreStatic: true,
    // Error-message wording: thousands of string mutants that tests pin only by pattern; left out for time.
    mutator: { excludedMutations: ['StringLiteral'] },
  };
}
