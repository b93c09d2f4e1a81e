/**
 * Where the built dashboard is: the `dist` folder of the `@archspace/dashboard` package, found the
 * way Node resolves an import from here, so it works in this repository and in an installed copy.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The dashboard's `dist` folder, or `undefined` when the package cannot be resolved from here. The
 * folder may not be built yet; the REST server then answers `/` with a page saying how to build it.
 *
 * @example
 * ```ts
 * await startRestServer(manager, { dashboardDir: findDashboardAssets() });
 * ```
 */
export function findDashboardAssets(): string | undefined {
  try {
    return join(dirname(createRequire(import.meta.url).resolve('@archspace/dashboard/package.json')), 'dist');
  } catch {
    return undefined;
  }
}
