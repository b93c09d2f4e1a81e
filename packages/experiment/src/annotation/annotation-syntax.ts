/**
 * What both parsers (TypeScript's for `.ts`/`.js`, Python's `ast` for `.py`) hand to the rest of the
 * precompiler: each annotation's call as plain expressions, and what the statement after it is. The
 * two syntaxes differ only in their prefix and function names ({@link Dialect}).
 */
import type { SourcePosition } from './annotation-error.js';

/** An expression of an annotation's text, as written. */
export interface AnnotationExpr {
  /** The expression's source text. */
  readonly source: string;
  /** Present (possibly `null`) when the expression is a literal JSON can hold: `5`, `'relu'`, `[1, 2]`. */
  readonly value?: unknown;
  /** For a call: the callee when it is a dotted name (`choice`, `nni.choice`). */
  readonly callee?: string;
  /** For a call: its positional arguments. */
  readonly args?: readonly AnnotationExpr[];
  /** For a call: its keyword arguments (`name=x` in Python, `name = x` in TypeScript). */
  readonly keywords?: readonly { readonly name: string | null; readonly value: AnnotationExpr }[];
}

/** A `[start, end)` range of UTF-16 offsets into a file's text. */
export type TextRange = readonly [number, number];

/** The statement right after an annotation. */
export interface NextStatement {
  readonly at: SourcePosition;
  /** `annotation` when the next statement is itself an annotation. */
  readonly kind: 'assignment' | 'statement' | 'annotation';
  /** For an assignment: its target as written (`convSize`, `this.convSize`, `self.conv_size`). */
  readonly target?: string;
  /** For an assignment: the range of the assigned value. */
  readonly value?: TextRange;
  /** Calls in the statement equal to one of a function choice's alternatives (by index), outermost only. */
  readonly calls: readonly { readonly range: TextRange; readonly alternative: number }[];
}

/** One annotation as a parser found it. */
export interface FoundAnnotation {
  readonly at: SourcePosition;
  /** The annotation's text without its comment or string delimiters: `@nni.variable(...)`. */
  readonly text: string;
  /** The annotation's range in the file (the whole comment or string statement). */
  readonly range: TextRange;
  /** The text's call, or `undefined` with {@link FoundAnnotation.syntaxError} when it does not parse. */
  readonly call?: AnnotationExpr;
  readonly syntaxError?: string;
  /** `undefined` when no statement follows in the same block. */
  readonly next?: NextStatement;
}

/** The five annotation functions. */
export type AnnotationKind = 'variable' | 'functionChoice' | 'reportIntermediateResult' | 'reportFinalResult' | 'getNextParameter';

/** How one language spells annotations. */
export interface Dialect {
  /** `archspace` or `nni`: annotations start with `@<prefix>.`. */
  readonly prefix: string;
  /** The function names, by kind. */
  readonly names: Readonly<Record<AnnotationKind, string>>;
}

/** TypeScript and JavaScript: `/** @archspace.variable(choice(2, 3), name = size) *\/`. */
export const TYPESCRIPT_DIALECT: Dialect = {
  prefix: 'archspace',
  names: {
    variable: 'variable',
    functionChoice: 'functionChoice',
    reportIntermediateResult: 'reportIntermediateResult',
    reportFinalResult: 'reportFinalResult',
    getNextParameter: 'getNextParameter',
  },
};

/** Python, as in the reference: `"""@nni.variable(nni.choice(2, 3), name=size)"""`. */
export const PYTHON_DIALECT: Dialect = {
  prefix: 'nni',
  names: {
    variable: 'variable',
    functionChoice: 'function_choice',
    reportIntermediateResult: 'report_intermediate_result',
    reportFinalResult: 'report_final_result',
    getNextParameter: 'get_next_parameter',
  },
};
