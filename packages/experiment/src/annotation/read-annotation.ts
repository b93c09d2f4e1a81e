/**
 * Reads one annotation's call into what it asks for: a variable drawn from a search-space
 * distribution, a choice among function calls, a result to report, or the parameters to fetch.
 * Every problem is an {@link AnnotationError} at the annotation, saying what was expected.
 */
import { ArchspaceError } from '@archspace/ir';
import { fromSearchSpaceJson, type ParameterSpec, SEARCH_SPACE_TYPES, type SearchSpaceType } from '@archspace/mutables';
import { AnnotationError, type SourcePosition } from './annotation-error.js';
import type { AnnotationExpr, AnnotationKind, Dialect, FoundAnnotation } from './annotation-syntax.js';

/** What an annotation asks for. */
export type ReadAnnotation =
  | {
      readonly kind: 'variable';
      readonly name: string;
      /** The distribution's name: `choice`, `uniform`, … */
      readonly distribution: SearchSpaceType;
      readonly spec: ParameterSpec;
      /** For `choice`: the options as written, in the order of `spec._value`. */
      readonly options: readonly AnnotationExpr[];
    }
  | { readonly kind: 'functionChoice'; readonly name?: string; readonly alternatives: readonly AnnotationExpr[] }
  | { readonly kind: 'reportIntermediateResult' | 'reportFinalResult'; readonly argument: AnnotationExpr }
  | { readonly kind: 'getNextParameter' };

function fail(at: SourcePosition, code: string, problem: string, expected?: string): never {
  throw new AnnotationError({ code, at, problem, ...(expected !== undefined ? { expected } : {}) });
}

/** `nni.choice` → `choice` (the prefix is optional), or `undefined` for another callee. */
function unprefixed(callee: string | undefined, prefix: string): string | undefined {
  if (callee === undefined) return undefined;
  return callee.startsWith(`${prefix}.`) ? callee.slice(prefix.length + 1) : callee.includes('.') ? undefined : callee;
}

/** A name as written, without spaces: `self.conv_size`, `this.convSize`. */
export function normalizeName(source: string): string {
  return source.replace(/\s+/g, '');
}

function keywordsOf(call: AnnotationExpr, allowed: readonly string[], at: SourcePosition, what: string): Map<string, AnnotationExpr> {
  const out = new Map<string, AnnotationExpr>();
  for (const keyword of call.keywords ?? []) {
    if (keyword.name === null || !allowed.includes(keyword.name)) {
      fail(at, 'annotation-unknown-argument', `${what} has an unknown argument "${keyword.name ?? `**${keyword.value.source}`}"`, allowed.length > 0 ? `only ${allowed.join(', ')}` : 'no named arguments');
    }
    out.set(keyword.name, keyword.value);
  }
  return out;
}

function distributionOf(expr: AnnotationExpr | undefined, dialect: Dialect, at: SourcePosition, name: string): { distribution: SearchSpaceType; spec: ParameterSpec; options: readonly AnnotationExpr[] } {
  const types = SEARCH_SPACE_TYPES.map((t) => `${dialect.prefix === 'nni' ? 'nni.' : ''}${t}(...)`).join(', ');
  const distribution = unprefixed(expr?.callee, dialect.prefix);
  if (expr === undefined || distribution === undefined || !(SEARCH_SPACE_TYPES as readonly string[]).includes(distribution)) {
    fail(at, 'annotation-unknown-distribution', `the variable's distribution is ${expr === undefined ? 'missing' : `"${expr.source}"`}`, `one of ${types}`);
  }
  keywordsOf(expr, [], at, `${distribution}(...)`);
  const args = expr.args ?? [];
  const type = distribution as SearchSpaceType;
  let values: unknown[];
  if (type === 'choice') {
    values = args.map((arg) => ('value' in arg ? arg.value : arg.source));
  } else {
    values = args.map((arg) => {
      if (typeof arg.value !== 'number') fail(at, 'annotation-invalid-distribution', `"${arg.source}" in ${type}(...) is not a number`, `number literals for "${type}"`);
      return arg.value;
    });
  }
  const spec: ParameterSpec = { _type: type, _value: values };
  try {
    fromSearchSpaceJson({ [name]: spec });
  } catch (error) {
    if (!(error instanceof ArchspaceError)) throw error;
    fail(at, 'annotation-invalid-distribution', `${type}(${args.map((a) => a.source).join(', ')}) is not a valid "${type}"`, error.expected ?? error.message);
  }
  return { distribution: type, spec, options: type === 'choice' ? args : [] };
}

/**
 * What `found` asks for. Throws {@link AnnotationError} for text that does not parse, an unknown
 * function, or arguments that do not fit the function.
 */
export function readAnnotation(found: FoundAnnotation, dialect: Dialect): ReadAnnotation {
  const at = found.at;
  const known = Object.values(dialect.names).map((n) => `@${dialect.prefix}.${n}`).join(', ');
  const call = found.call;
  if (call === undefined) fail(at, 'annotation-syntax', `"${shorten(found.text)}" does not parse${found.syntaxError ? ` (${found.syntaxError})` : ''}`, `a call such as @${dialect.prefix}.${dialect.names.reportFinalResult}(accuracy)`);
  const functionName = call.callee !== undefined && call.callee.startsWith(`${dialect.prefix}.`) ? call.callee.slice(dialect.prefix.length + 1) : undefined;
  const kind = (Object.keys(dialect.names) as AnnotationKind[]).find((k) => dialect.names[k] === functionName);
  if (kind === undefined || call.args === undefined) fail(at, 'annotation-unknown-function', `unknown annotation "${shorten(found.text)}"`, `one of ${known}`);
  const label = `@${dialect.prefix}.${dialect.names[kind]}`;
  const args = call.args;
  switch (kind) {
    case 'variable': {
      const keywords = keywordsOf(call, ['name'], at, label);
      const nameExpr = keywords.get('name');
      if (nameExpr === undefined) fail(at, 'annotation-missing-name', `${label} has no name`, `name${dialect.prefix === 'nni' ? '=' : ' = '}<the assigned variable>`);
      if (args.length !== 1) fail(at, 'annotation-arguments', `${label} takes one distribution, got ${args.length} arguments`, `${label}(<distribution>, name${dialect.prefix === 'nni' ? '=' : ' = '}<variable>)`);
      const name = normalizeName(nameExpr.source);
      return { kind, name, ...distributionOf(args[0], dialect, at, name) };
    }
    case 'functionChoice': {
      const keywords = keywordsOf(call, ['name'], at, label);
      if (args.length === 0) fail(at, 'annotation-arguments', `${label} has no alternatives`, 'one or more function calls');
      const notCall = args.find((arg) => arg.args === undefined);
      if (notCall !== undefined) fail(at, 'annotation-arguments', `"${notCall.source}" in ${label} is not a function call`, 'function calls, such as relu(x)');
      const sources = args.map((arg) => normalizeName(arg.source));
      const twice = sources.find((s, i) => sources.indexOf(s) !== i);
      if (twice !== undefined) fail(at, 'annotation-arguments', `"${twice}" appears twice in ${label}`, 'different alternatives');
      const name = keywords.get('name');
      return { kind, alternatives: args, ...(name !== undefined ? { name: normalizeName(name.source) } : {}) };
    }
    case 'reportIntermediateResult':
    case 'reportFinalResult':
      keywordsOf(call, [], at, label);
      if (args.length !== 1) fail(at, 'annotation-arguments', `${label} takes one metric, got ${args.length} arguments`, `${label}(<metric>)`);
      return { kind, argument: args[0]! };
    case 'getNextParameter':
      keywordsOf(call, [], at, label);
      if (args.length !== 0) fail(at, 'annotation-arguments', `${label} takes no arguments`, `${label}()`);
      return { kind };
  }
}

function shorten(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 80 ? `${line.slice(0, 77)}...` : line;
}
