/**
 * The bench's own TypeScript, compiled to JavaScript for the processes that time cold figures.
 *
 * A real run executes compiled JavaScript with plain `node` (`npm run main` runs
 * `node dist/nas-experiment.js`; the CLI runs `dist/cli/main.js`); no TypeScript loader is in it. The
 * tsx loader is not neutral for a cold window: a process that loaded its code through it starts the
 * window with a young generation that has just grown, and every first write to the new pages is a
 * page fault (`page-fault-cost.ts`). Measured on `Mutator.apply`'s first 100 calls, the same
 * JavaScript gave 0.68 faults a call under `--import tsx` and 0.07–0.22 without it. So a measuring
 * process runs the bench file compiled here, as a real run would run it.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as Ts from 'typescript';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
/** Inside the bench folder, so that its packages (`@archspace/ir`, …) resolve as they do for the sources. */
const OUT_DIR = join(BENCH_DIR, 'dist');

let compiled = false;

/** Compiles every `.ts` file of the bench folder into `bench/dist` (once per process; types are only stripped). */
function compileBench(): void {
  if (compiled) return;
  // Loaded here, not imported: the measuring processes load this module too, and must not load TypeScript.
  const ts = createRequire(import.meta.url)('typescript') as typeof Ts;
  mkdirSync(OUT_DIR, { recursive: true });
  for (const name of readdirSync(BENCH_DIR)) {
    if (!name.endsWith('.ts') || name.endsWith('.d.ts')) continue;
    const { outputText } = ts.transpileModule(readFileSync(join(BENCH_DIR, name), 'utf8'), {
      fileName: name,
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    });
    writeFileSync(join(OUT_DIR, name.replace(/\.ts$/, '.js')), outputText);
  }
  compiled = true;
}

/**
 * The compiled JavaScript of the bench file `file` (a `.ts` file of the bench folder), compiling the
 * folder first when this process has not yet.
 *
 * @example
 * ```ts
 * spawnSync(process.execPath, [compiledBenchFile(join(here, 'run-one.ts')), compiledBenchFile(benchFile)]);
 * ```
 */
export function compiledBenchFile(file: string): string {
  if (dirname(file) !== BENCH_DIR || !file.endsWith('.ts')) throw new Error(`"${file}" is not a TypeScript file of the bench folder ${BENCH_DIR}`);
  compileBench();
  return join(OUT_DIR, basename(file).replace(/\.ts$/, '.js'));
}
