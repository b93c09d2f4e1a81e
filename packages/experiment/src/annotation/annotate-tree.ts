/**
 * The annotation precompiler: copies a trial's code folder, rewriting the files that hold
 * annotations and writing the search space they declare (`search_space.json`). Files without
 * annotations are copied byte for byte. What `archspace annotate` and `useAnnotation: true` run.
 */
import { copyFileSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ArchspaceError } from '@archspace/ir';
import type { SearchSpaceJson } from '@archspace/mutables';
import { AnnotationSearchSpace } from './annotation-search-space.js';
import { PYTHON_DIALECT, TYPESCRIPT_DIALECT } from './annotation-syntax.js';
import { type AnnotationUse, modulePathOf, planAnnotations } from './plan-annotations.js';
import { scanPython } from './python-annotations.js';
import { rewritePython } from './rewrite-python.js';
import { rewriteTypeScript } from './rewrite-typescript.js';
import { scanTypeScript } from './typescript-annotations.js';

/** The generated search space's file name, at the root of the rewritten tree. */
export const SEARCH_SPACE_FILE = 'search_space.json';

/** Extensions of the files read for `@archspace.` annotations. */
export const TYPESCRIPT_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'] as const;

/** Folders that are linked, not copied: installed packages stay where they are. */
const LINKED_FOLDER = 'node_modules';

/** Options of {@link annotateTree}. */
export interface AnnotateOptions {
  /**
   * The module specifier rewritten TypeScript and JavaScript files import the runtime with. Default:
   * the path of this installation's `annotation-runtime.js` (so the rewritten tree runs wherever it is).
   */
  readonly runtime?: string;
}

/** What {@link annotateTree} wrote. */
export interface AnnotateResult {
  /** The search space the annotations declare, keyed `<module>/<name>/<function>`. */
  readonly searchSpace: SearchSpaceJson;
  /** The rewritten files, relative to the tree's root, in order. */
  readonly annotatedFiles: readonly string[];
  /** How many files were copied unchanged. */
  readonly copiedFiles: number;
}

/** The runtime module's default specifier: the built `annotation-runtime.js` of this package. */
export function defaultRuntimeSpecifier(): string {
  const file = fileURLToPath(new URL('../../dist/annotation/annotation-runtime.js', import.meta.url));
  return process.platform === 'win32' ? pathToFileURL(file).href : file;
}

interface Entry {
  readonly relativePath: string;
  readonly kind: 'dir' | 'file' | 'link';
}

function treeError(code: string, message: string): ArchspaceError {
  return new ArchspaceError({ code, message });
}

function isInside(child: string, parent: string): boolean {
  const path = relative(parent, child);
  return path === '' || (!path.startsWith('..') && !isAbsolute(path));
}

/**
 * Every entry of the tree, folders before what they hold, names sorted; walked with a stack, not
 * recursion. `skipped` (a path relative to the root) is left out with what it holds.
 */
function listTree(root: string, skipped: string | undefined): Entry[] {
  const entries: Entry[] = [];
  const pending: string[] = [''];
  while (pending.length > 0) {
    const folder = pending.pop()!;
    const names = readdirSync(join(root, folder)).sort();
    const subfolders: string[] = [];
    for (const name of names) {
      const relativePath = folder === '' ? name : `${folder}/${name}`;
      const stat = lstatSync(join(root, relativePath));
      if (relativePath === skipped) continue;
      if (stat.isSymbolicLink()) entries.push({ relativePath, kind: 'link' });
      else if (stat.isDirectory()) {
        if (name === LINKED_FOLDER) continue;
        entries.push({ relativePath, kind: 'dir' });
        subfolders.push(relativePath);
      } else if (stat.isFile()) entries.push({ relativePath, kind: 'file' });
    }
    for (let i = subfolders.length - 1; i >= 0; i--) pending.push(subfolders[i]!);
  }
  return entries;
}

function isTypeScriptFile(path: string): boolean {
  const lower = path.toLowerCase();
  return TYPESCRIPT_EXTENSIONS.some((ext) => lower.endsWith(ext)) && !/\.d\.[cm]?ts$/.test(lower);
}

/** Whether the nearest `package.json` inside the tree, from `relativeFile`'s folder up, says `"type": "module"`. */
function packageIsModule(root: string, relativeFile: string): boolean {
  let folder = dirname(relativeFile);
  for (;;) {
    const file = join(root, folder, 'package.json');
    if (existsSync(file)) {
      try {
        return (JSON.parse(readFileSync(file, 'utf8')) as { type?: unknown }).type === 'module';
      } catch {
        return false;
      }
    }
    if (folder === '.' || folder === '') return false;
    folder = dirname(folder);
  }
}

function esmFor(root: string, relativeFile: string, hasModuleSyntax: boolean): boolean {
  const lower = relativeFile.toLowerCase();
  if (lower.endsWith('.mjs') || lower.endsWith('.mts')) return true;
  if (lower.endsWith('.cjs') || lower.endsWith('.cts')) return false;
  return hasModuleSyntax || packageIsModule(root, relativeFile);
}

/** The nearest `node_modules` folder at or above `folder`. */
function nearestNodeModules(folder: string): string | undefined {
  for (let current = folder; ; current = dirname(current)) {
    const candidate = join(current, LINKED_FOLDER);
    if (existsSync(candidate) && statSync(candidate).isDirectory()) return candidate;
    if (dirname(current) === current) return undefined;
  }
}

function checkFolders(source: string, out: string): void {
  if (!existsSync(source) || !statSync(source).isDirectory()) throw treeError('no-code-directory', `the trial code folder "${source}" does not exist or is not a folder`);
  if (isInside(source, out)) {
    throw treeError('invalid-output-folder', `the output folder "${out}" holds the code folder "${source}": choose an output folder elsewhere`);
  }
  if (existsSync(out) && (!statSync(out).isDirectory() || readdirSync(out).length > 0)) {
    throw treeError('output-folder-not-empty', `the output folder "${out}" exists and is not an empty folder: choose a new folder`);
  }
  if (existsSync(join(source, SEARCH_SPACE_FILE))) {
    throw treeError('search-space-file-exists', `the code folder already has a ${SEARCH_SPACE_FILE}, where the generated search space goes: rename it or remove it`);
  }
}

interface Rewrite {
  readonly relativePath: string;
  readonly text: string;
}

/**
 * Precompiles the trial code in `sourceDir` into `outDir` (created; it must not exist or be empty,
 * nor hold `sourceDir`; when `sourceDir` holds it, the entry of `sourceDir` it is in is not copied). Returns the search space, also written to
 * `outDir/search_space.json`. Throws `AnnotationError` (with file:line:column) for a bad annotation
 * or a Python file that does not parse; nothing is written then.
 *
 * @example
 * ```ts
 * const { searchSpace } = annotateTree('trial-code', '/tmp/annotated');
 * // searchSpace: { 'trial/convSize/choice': { _type: 'choice', _value: [2, 3, 5, 7] }, … }
 * ```
 */
export function annotateTree(sourceDir: string, outDir: string, options: AnnotateOptions = {}): AnnotateResult {
  const source = resolve(sourceDir);
  const out = resolve(outDir);
  checkFolders(source, out);
  const runtime = options.runtime ?? defaultRuntimeSpecifier();
  // An output folder inside the code folder (an experiment folder under the code, say): the
  // code folder's entry that holds it is not copied.
  const entries = listTree(source, isInside(out, source) ? relative(source, out).split(sep)[0] : undefined);
  const space = new AnnotationSearchSpace();
  const rewrites = new Map<string, Rewrite>();
  const pythonFiles: { relativePath: string; text: string }[] = [];
  const planned: { relativePath: string; uses: AnnotationUse[]; finish: (uses: AnnotationUse[]) => string }[] = [];
  for (const entry of entries) {
    if (entry.kind !== 'file') continue;
    const path = join(source, entry.relativePath);
    if (entry.relativePath.toLowerCase().endsWith('.py')) {
      const text = readFileSync(path, 'utf8');
      if (text.includes(`@${PYTHON_DIALECT.prefix}.`)) pythonFiles.push({ relativePath: entry.relativePath, text });
    } else if (isTypeScriptFile(entry.relativePath)) {
      const text = readFileSync(path, 'utf8');
      if (!text.includes(`@${TYPESCRIPT_DIALECT.prefix}.`)) continue;
      const scan = scanTypeScript(entry.relativePath, text);
      if (scan.annotations.length === 0) continue;
      const uses = planAnnotations(scan.annotations, TYPESCRIPT_DIALECT, modulePathOf(entry.relativePath));
      const esm = esmFor(source, entry.relativePath, scan.hasModuleSyntax);
      const map = { source: relative(dirname(join(out, entry.relativePath)), path).split(sep).join('/'), file: entry.relativePath.split('/').pop()! };
      planned.push({ relativePath: entry.relativePath, uses, finish: (u) => rewriteTypeScript(text, u, { runtime, esm, importOffset: scan.importOffset, sourceMap: map }) });
    }
  }
  const pythonScans = scanPython(
    pythonFiles.map((f) => join(source, f.relativePath)),
    pythonFiles.map((f) => f.relativePath),
  );
  pythonFiles.forEach((file, i) => {
    const scan = pythonScans[i]!;
    if (scan.annotations.length === 0) return;
    const uses = planAnnotations(scan.annotations, PYTHON_DIALECT, modulePathOf(file.relativePath));
    planned.push({ relativePath: file.relativePath, uses, finish: (u) => rewritePython(file.text, u, scan.prelude) });
  });
  planned.sort((a, b) => (a.relativePath < b.relativePath ? -1 : a.relativePath > b.relativePath ? 1 : 0));
  for (const file of planned) {
    for (const use of file.uses) if (use.kind === 'variable' || use.kind === 'functionChoice') space.add(use.key, use.spec, use.at);
    rewrites.set(file.relativePath, { relativePath: file.relativePath, text: file.finish(file.uses) });
  }
  writeTree(source, out, entries, rewrites);
  const searchSpace = space.toJson();
  writeFileSync(join(out, SEARCH_SPACE_FILE), `${JSON.stringify(searchSpace, null, 2)}\n`);
  return { searchSpace, annotatedFiles: [...rewrites.keys()], copiedFiles: entries.filter((e) => e.kind === 'file').length - rewrites.size };
}

function writeTree(source: string, out: string, entries: readonly Entry[], rewrites: ReadonlyMap<string, Rewrite>): void {
  mkdirSync(out, { recursive: true });
  for (const entry of entries) {
    const from = join(source, entry.relativePath);
    const to = join(out, entry.relativePath);
    if (entry.kind === 'dir') mkdirSync(to);
    else if (entry.kind === 'link') symlinkSync(readlinkSync(from), to);
    else {
      const rewrite = rewrites.get(entry.relativePath);
      if (rewrite !== undefined) writeFileSync(to, rewrite.text);
      else copyFileSync(from, to);
    }
  }
  // Installed packages stay where they are; the rewritten code finds them through a link.
  const modules = nearestNodeModules(source);
  if (modules !== undefined) symlinkSync(modules, join(out, LINKED_FOLDER), 'dir');
}
