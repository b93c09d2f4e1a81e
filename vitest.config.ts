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

/** Every test file of the repository. */
export const allTests = ['packages/*/src/**/*.test.ts', 'test/**/*.test.ts', 'examples/**/*.test.ts'];

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
    testTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'units', include: sharedModuleTests, isolate: false } },
      { extends: true, test: { name: 'integration', include: allTests, exclude: sharedModuleTests } },
    ],
  },
});
