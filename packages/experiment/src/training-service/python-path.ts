/**
 * Python trial scripts written for the reference `import nni`; archspace ships a pure-Python `nni`
 * module that speaks its trial protocol, and puts its folder first on every trial's `PYTHONPATH`.
 * It shadows an installed `nni` package on purpose: that one could not talk to archspace.
 */
import { delimiter, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding the bundled `nni` module (`python/` in the package, next to `dist/` and `src/`). */
export const BUNDLED_PYTHON_DIR = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../python');

/** `pythonPath` (a trial's `PYTHONPATH`, maybe unset or empty) with {@link BUNDLED_PYTHON_DIR} first. */
export function withBundledPython(pythonPath: string | undefined): string {
  return pythonPath === undefined || pythonPath === '' ? BUNDLED_PYTHON_DIR : `${BUNDLED_PYTHON_DIR}${delimiter}${pythonPath}`;
}
