import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// Tests run against the TypeScript sources, not dist/, so a test never sees a stale build.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@archspace\/mutables\/testing$/, replacement: src('./packages/mutables/src/testing/index.ts') },
      { find: /^@archspace\/(ir|mutables|strategies|experiment|tfjs)$/, replacement: src('./packages/$1/src/index.ts') },
    ],
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'test/**/*.test.ts', 'examples/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    pool: 'forks',
    testTimeout: 60_000,
  },
});
