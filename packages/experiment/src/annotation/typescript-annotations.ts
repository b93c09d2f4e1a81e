/**
 * Finds the annotations of a TypeScript or JavaScript file with the TypeScript compiler's parser:
 * comments whose text starts with `@archspace.`, each standing before a statement (or at the end of
 * a block, for reports). Nothing here reads code with regular expressions: comments come from the
 * compiler's own trivia scanner, statements and calls from its syntax tree.
 */
import { createRequire } from 'node:module';
import type * as TS from 'typescript';
import { AnnotationError, type SourcePosition } from './annotation-error.js';
import { type AnnotationExpr, type FoundAnnotation, type NextStatement, TYPESCRIPT_DIALECT } from './annotation-syntax.js';

/** What the rewriter needs to know about a TypeScript or JavaScript file. */
export interface TypeScriptScan {
  readonly annotations: readonly FoundAnnotation[];
  /** Where an import can go without moving a line: after the shebang and the directive prologue. */
  readonly importOffset: number;
  /** Whether the file has `import` or `export` (an ES module). */
  readonly hasModuleSyntax: boolean;
}

/**
 * The TypeScript compiler, loaded on first use: importing the package (a trial importing the trial
 * API, say) must not pay for loading the compiler.
 */
let ts: typeof TS;
let printer: TS.Printer;

function loadCompiler(): void {
  ts ??= createRequire(import.meta.url)('typescript') as typeof TS;
  printer ??= ts.createPrinter({ removeComments: true });
}

const PREFIX = `@${TYPESCRIPT_DIALECT.prefix}.`;
/** Literal arrays and objects nested deeper than this are passed as source text, not values. */
const MAX_LITERAL_DEPTH = 64;

/** The script kind of a file name, by its extension. */
export function scriptKindOf(file: string): TS.ScriptKind {
  loadCompiler();
  const lower = file.toLowerCase();
  if (lower.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (lower.endsWith('.jsx')) return ts.ScriptKind.JSX;
  if (lower.endsWith('.ts') || lower.endsWith('.mts') || lower.endsWith('.cts')) return ts.ScriptKind.TS;
  return ts.ScriptKind.JS;
}

function parse(file: string, text: string, kind: TS.ScriptKind): TS.SourceFile {
  return ts.createSourceFile(file, text, { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone }, true, kind);
}

/** The parser's syntax errors (kept by every source file; the compiler's public API has no getter). */
function syntaxErrors(source: TS.SourceFile): readonly TS.DiagnosticWithLocation[] {
  return (source as unknown as { parseDiagnostics?: readonly TS.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
}

function positionOf(source: TS.SourceFile, file: string, offset: number): SourcePosition {
  const { line, character } = source.getLineAndCharacterOfPosition(offset);
  return { file, line: line + 1, column: character + 1 };
}

/** The annotation text of a comment (`@archspace.…`), or `undefined` when the comment is not an annotation. */
export function annotationText(comment: string): string | undefined {
  let body: string;
  if (comment.startsWith('//')) body = comment.slice(2);
  else {
    body = comment.slice(2, -2);
    // Block comments: drop the leading stars of JSDoc lines.
    body = body
      .split('\n')
      .map((line) => {
        const trimmed = line.trimStart();
        return trimmed.startsWith('*') ? trimmed.slice(1) : line;
      })
      .join('\n');
  }
  const text = body.trim();
  return text.startsWith(PREFIX) ? text : undefined;
}

/** Every token of the tree, found with an explicit stack (deep code never becomes recursion here). */
function* tokens(source: TS.SourceFile): Generator<TS.Node> {
  const pending: TS.Node[] = [source];
  while (pending.length > 0) {
    const node = pending.pop()!;
    const children = node.getChildren(source);
    if (children.length === 0) {
      // An empty list (a block without statements) is no token: its comments belong to the next one.
      if (node.kind !== ts.SyntaxKind.SyntaxList) yield node;
      continue;
    }
    for (let i = children.length - 1; i >= 0; i--) pending.push(children[i]!);
  }
}

/** Where statements of a list begin, and where lists end (a block's `}`, the end of the file). */
function statementSites(source: TS.SourceFile): { starts: Map<number, TS.Statement>; ends: Set<number> } {
  const starts = new Map<number, TS.Statement>();
  const ends = new Set<number>([source.endOfFileToken.getStart(source)]);
  const pending: TS.Node[] = [source];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (ts.isSourceFile(node) || ts.isBlock(node) || ts.isModuleBlock(node) || ts.isCaseClause(node) || ts.isDefaultClause(node)) {
      for (const statement of node.statements) starts.set(statement.getStart(source), statement);
    }
    if (ts.isBlock(node) || ts.isModuleBlock(node) || ts.isCaseBlock(node)) ends.add(node.getEnd() - 1);
    if (ts.isCaseBlock(node)) for (const clause of node.clauses.slice(1)) ends.add(clause.getStart(source));
    ts.forEachChild(node, (child) => {
      pending.push(child);
    });
  }
  return { starts, ends };
}

function literalValue(node: TS.Expression, depth: number): { value: unknown } | undefined {
  if (depth > MAX_LITERAL_DEPTH) return undefined;
  if (ts.isParenthesizedExpression(node)) return literalValue(node.expression, depth + 1);
  if (ts.isNumericLiteral(node)) return { value: Number(node.text) };
  if (ts.isPrefixUnaryExpression(node) && ts.isNumericLiteral(node.operand)) {
    if (node.operator === ts.SyntaxKind.MinusToken) return { value: -Number(node.operand.text) };
    if (node.operator === ts.SyntaxKind.PlusToken) return { value: Number(node.operand.text) };
  }
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return { value: node.text };
  if (node.kind === ts.SyntaxKind.TrueKeyword) return { value: true };
  if (node.kind === ts.SyntaxKind.FalseKeyword) return { value: false };
  if (node.kind === ts.SyntaxKind.NullKeyword) return { value: null };
  if (ts.isArrayLiteralExpression(node)) {
    const items: unknown[] = [];
    for (const element of node.elements) {
      const item = ts.isSpreadElement(element) || ts.isOmittedExpression(element) ? undefined : literalValue(element, depth + 1);
      if (item === undefined) return undefined;
      items.push(item.value);
    }
    return { value: items };
  }
  if (ts.isObjectLiteralExpression(node)) {
    const record: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const property of node.properties) {
      if (!ts.isPropertyAssignment(property) || !(ts.isIdentifier(property.name) || ts.isStringLiteral(property.name))) return undefined;
      const item = literalValue(property.initializer, depth + 1);
      if (item === undefined) return undefined;
      Object.defineProperty(record, property.name.text, { value: item.value, enumerable: true, writable: true, configurable: true });
    }
    return { value: record };
  }
  return undefined;
}

function dottedName(node: TS.Expression): string | undefined {
  const parts: string[] = [];
  let current: TS.Expression = node;
  while (ts.isPropertyAccessExpression(current)) {
    parts.push(current.name.text);
    current = current.expression;
  }
  if (!ts.isIdentifier(current)) return undefined;
  parts.push(current.text);
  return parts.reverse().join('.');
}

/** An expression of an annotation's text; `name = x` arguments of the top call become keywords. */
function toExpr(node: TS.Expression, source: TS.SourceFile, top: boolean): AnnotationExpr {
  const literal = literalValue(node, 0);
  const base = { source: node.getText(source), ...(literal !== undefined ? { value: literal.value } : {}) };
  if (!ts.isCallExpression(node)) return base;
  const callee = dottedName(node.expression);
  const args: AnnotationExpr[] = [];
  const keywords: { name: string | null; value: AnnotationExpr }[] = [];
  for (const arg of node.arguments) {
    if (top && ts.isBinaryExpression(arg) && arg.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(arg.left)) {
      keywords.push({ name: arg.left.text, value: toExpr(arg.right, source, false) });
    } else args.push(toExpr(arg, source, false));
  }
  return { ...base, ...(callee !== undefined ? { callee } : {}), args, keywords };
}

/** The annotation's text (without its `@`) parsed as one call expression, with its own source file for printing. */
function parseAnnotationCall(text: string): { call: AnnotationExpr; node: TS.CallExpression; source: TS.SourceFile } | { error: string } {
  const source = parse('annotation.ts', text.slice(1), ts.ScriptKind.TS);
  const errors = syntaxErrors(source);
  if (errors.length > 0) return { error: ts.flattenDiagnosticMessageText(errors[0]!.messageText, ' ') };
  const statement = source.statements[0];
  if (source.statements.length !== 1 || statement === undefined || !ts.isExpressionStatement(statement) || !ts.isCallExpression(statement.expression)) {
    return { error: 'the annotation is not one call' };
  }
  return { call: toExpr(statement.expression, source, true), node: statement.expression, source };
}

function printed(node: TS.Node, source: TS.SourceFile): string {
  return printer.printNode(ts.EmitHint.Expression, node, source);
}

/** Calls of `statement` that print like one of `alternatives`; a matched call's insides are not searched. */
function matchingCalls(statement: TS.Statement, source: TS.SourceFile, alternatives: readonly string[]): NextStatement['calls'] {
  const found: { range: readonly [number, number]; alternative: number }[] = [];
  const pending: TS.Node[] = [statement];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (ts.isCallExpression(node)) {
      const alternative = alternatives.indexOf(printed(node, source));
      if (alternative >= 0) {
        found.push({ range: [node.getStart(source), node.getEnd()], alternative });
        continue;
      }
    }
    const children: TS.Node[] = [];
    ts.forEachChild(node, (child) => {
      children.push(child);
    });
    for (let i = children.length - 1; i >= 0; i--) pending.push(children[i]!);
  }
  return found.sort((a, b) => a.range[0] - b.range[0]);
}

function describeNext(statement: TS.Statement, source: TS.SourceFile, file: string, alternatives: readonly string[]): NextStatement {
  const at = positionOf(source, file, statement.getStart(source));
  const calls = matchingCalls(statement, source, alternatives);
  if (ts.isVariableStatement(statement) && statement.declarationList.declarations.length === 1) {
    const declaration = statement.declarationList.declarations[0]!;
    if (ts.isIdentifier(declaration.name) && declaration.initializer !== undefined) {
      return { at, kind: 'assignment', target: declaration.name.text, value: [declaration.initializer.getStart(source), declaration.initializer.getEnd()], calls };
    }
  }
  if (ts.isExpressionStatement(statement) && ts.isBinaryExpression(statement.expression) && statement.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const { left, right } = statement.expression;
    return { at, kind: 'assignment', target: left.getText(source).replace(/\s+/g, ''), value: [right.getStart(source), right.getEnd()], calls };
  }
  return { at, kind: 'statement', calls };
}

function importOffsetOf(source: TS.SourceFile, text: string): number {
  let offset = 0;
  if (text.startsWith('#!')) {
    const newline = text.indexOf('\n');
    offset = newline < 0 ? text.length : newline + 1;
  }
  for (const statement of source.statements) {
    if (!ts.isExpressionStatement(statement) || !ts.isStringLiteral(statement.expression)) break;
    offset = statement.getEnd();
  }
  return offset;
}

/**
 * The annotations of one TypeScript or JavaScript file (`file` names it in errors). Throws
 * {@link AnnotationError} when a file with annotations does not parse, or an annotation comment
 * stands inside a statement rather than before one.
 */
export function scanTypeScript(file: string, text: string): TypeScriptScan {
  loadCompiler();
  const source = parse(file, text, scriptKindOf(file));
  const comments: { range: TS.CommentRange; owner: TS.Node; text: string }[] = [];
  for (const token of tokens(source)) {
    // The comments between the previous token and this one: on the previous token's line ("trailing"), then below it.
    const ranges = [...(ts.getTrailingCommentRanges(text, token.pos) ?? []), ...(ts.getLeadingCommentRanges(text, token.pos) ?? [])];
    const seen = new Set<number>();
    for (const range of ranges) {
      if (seen.has(range.pos)) continue;
      seen.add(range.pos);
      const found = annotationText(text.slice(range.pos, range.end));
      if (found !== undefined) comments.push({ range, owner: token, text: found });
    }
  }
  const scan = { annotations: [] as FoundAnnotation[], importOffset: importOffsetOf(source, text), hasModuleSyntax: ts.isExternalModule(source) };
  if (comments.length === 0) return scan;
  const errors = syntaxErrors(source);
  if (errors.length > 0) {
    const error = errors[0]!;
    throw new AnnotationError({ code: 'syntax-error', at: positionOf(source, file, error.start), problem: `the file does not parse: ${ts.flattenDiagnosticMessageText(error.messageText, ' ')}` });
  }
  const { starts, ends } = statementSites(source);
  comments.forEach((comment, index) => {
    const at = positionOf(source, file, comment.range.pos);
    const ownerStart = comment.owner.getStart(source);
    const statement = starts.get(ownerStart);
    if (statement === undefined && !ends.has(ownerStart)) {
      throw new AnnotationError({ code: 'annotation-misplaced', at, problem: `the annotation "${comment.text.split('(')[0]}(…)" stands inside a statement`, expected: 'an annotation on its own, before a statement' });
    }
    const parsed = parseAnnotationCall(comment.text);
    const alternatives =
      'node' in parsed && parsed.call.callee === `${TYPESCRIPT_DIALECT.prefix}.${TYPESCRIPT_DIALECT.names.functionChoice}`
        ? parsed.node.arguments.filter((arg) => !ts.isBinaryExpression(arg) || arg.operatorToken.kind !== ts.SyntaxKind.EqualsToken).map((arg) => printed(arg, parsed.source))
        : [];
    const sameOwnerNext = comments[index + 1]?.owner === comment.owner ? comments[index + 1] : undefined;
    const next: NextStatement | undefined =
      sameOwnerNext !== undefined
        ? { at: positionOf(source, file, sameOwnerNext.range.pos), kind: 'annotation', calls: [] }
        : statement !== undefined
          ? describeNext(statement, source, file, alternatives)
          : undefined;
    scan.annotations.push({
      at,
      text: comment.text,
      range: [comment.range.pos, comment.range.end],
      ...('call' in parsed ? { call: parsed.call } : { syntaxError: parsed.error }),
      ...(next !== undefined ? { next } : {}),
    });
  });
  return scan;
}
