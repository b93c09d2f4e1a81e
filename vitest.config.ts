import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * Pure in-process unit tests (no processes, servers, timers or module mocks): they share their
 * workers' module cache (`isolate: false`), which spares each file the seconds of importing the
 * packages' sources again; the mutation runs (`vitest.mutation.config.ts`) run these same files that way.
 */
export const sharedModuleTests = [
  'packages/ir/src/**/*.test.ts',
  'packages/mutables/src/**/*.test.ts',
  'packages/strategies/src/**/*.test.ts',
  'packages/experiment/src/serializer/**/*.test.ts',
  'packages/experiment/src/config/**/*.test.ts',
  'packages/experiment/src/store/**/*.test.ts',
  'packages/dashboard/src/**/*.test.ts',
];

/**
 * The other tests of the packages' sources (the experiment's manager, REST API, launch and annotation
 * tests; the TensorFlow.js tests) run in process too and share their workers' module cache as well:
 * a fresh import of the packages costs each file one to two seconds. They may start servers, trial
 * processes and timers, but each cleans up after itself and sets what it needs (a backend, say).
 */
export const sharedPackageTests = ['packages/experiment/src/**/*.test.ts', 'packages/tfjs/src/**/*.test.ts'];

/** Tests of the packages that need a fresh module cache: module mocks, stubbed environments, process-wide handlers. */
const isolatedPackageTests = [
  'packages/tfjs/src/backend.test.ts',
  'packages/experiment/src/rest/token-compare-is-constant-time.test.ts',
  'packages/experiment/src/manager/stop-leaves-no-process.test.ts',
  'packages/experiment/src/training-service/trial-end-waits-for-its-group.test.ts',
];

// Tests run against the TypeScript sources, not dist/, so a test never sees a stale build.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@archspace\/experiment\/trial$/, replacement: src('./packages/experiment/src/trial/trial-api.ts') },
      { find: /^@archspace\/mutables\/testing$/, replacement: src('./packages/mutables/src/testing/index.ts') },
      { find: /^@archspace\/(ir|mutables|strategies|experiment|tfjs)$/, replacement: src('./packages/$1/src/index.ts') },
    ],
  },
  test: {
    // Each project's lists extend these (vitest merges arrays), so the file lists live in the projects.
    exclude: ['**/node_modules/**', '**/dist/**'],
    pool: 'forks',
    // One test file per core. vitest's default for a run leaves a core free (cores - 1), which on the
    // 2 cores of CI ran the files one at a time: 2,857 tests took 305 s two at a time, where the last
    // clean run one at a time took 408 s (before the fault tests got about 20 s faster). Many files
    // wait on child processes, servers and a browser, so the cores stay busy without much
    // oversubscription; the slowest file, fault injection, takes about twice as long beside another
    // (70 s against 35 s), and its limit is 400 s.
    maxWorkers: availableParallelism(),
    testTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'units', include: sharedModuleTests, isolate: false } },
      { extends: true, test: { name: 'packages', include: sharedPackageTests, exclude: [...sharedModuleTests, ...isolatedPackageTests], isolate: false } },
      {
        extends: true,
        test: { name: 'integration', include: ['packages/!(experiment|tfjs)/src/**/*.test.ts', 'test/**/*.test.ts', 'examples/**/*.test.ts', ...isolatedPackageTests], exclude: sharedModuleTests },
      },
    ],
  },
});
