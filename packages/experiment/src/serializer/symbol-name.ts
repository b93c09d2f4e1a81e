/**
 * How a traced symbol is named in a payload: `path:<module>:<name>`, for example
 * `path:@archspace/tfjs:ClassificationEvaluator`. The module may itself contain colons
 * (`node:path`); the export name may not, so the last colon separates them.
 */
import { isPickledName, pickledPayload } from './reference-pickles.js';
import { SerializationError } from './serialization-error.js';

/** Where a traced class or function lives: the module that exports it and its export name. */
export interface SymbolIdentity {
  /** A package name or module path, e.g. `@archspace/tfjs` or `./models/net.js`. */
  readonly module: string;
  /** The export name, e.g. `ClassificationEvaluator`; dots allowed for nested names (`nn.Conv2d`). */
  readonly name: string;
}

const PREFIX = 'path:';
// One dot-separated part of an export name. The parts are checked one by one: a single pattern with a
// repeated group would backtrack through the stack, and a name of millions of parts would overflow it.
const NAME_PART = /^[A-Za-z_$][\w$]*$/;
// Printable, no white space and no control characters.
const MODULE = /^[^\s\p{Cc}]+$/u;

/** Throws unless `module` and `name` can form a symbol name that parses back to themselves. */
export function validateIdentity(identity: SymbolIdentity, path: readonly (string | number)[] = []): void {
  if (typeof identity.module !== 'string' || !MODULE.test(identity.module)) {
    throw new SerializationError({
      code: 'invalid-symbol-name',
      path: [...path, 'module'],
      expected: 'a non-empty module path without white space, e.g. "@archspace/tfjs"',
      received: identity.module,
    });
  }
  if (typeof identity.name !== 'string' || !isExportName(identity.name)) {
    throw new SerializationError({
      code: 'invalid-symbol-name',
      path: [...path, 'name'],
      expected: 'an export name such as "Net" or "nn.Conv2d" (letters, digits, _ and $, dot-separated)',
      received: identity.name,
    });
  }
}

/** `{ module: 'm', name: 'N' }` → `"path:m:N"`. */
export function formatSymbolName(identity: SymbolIdentity): string {
  return `${PREFIX}${identity.module}:${identity.name}`;
}

/** A short, bounded description of what stood where a symbol name belongs (never walks a nested value). */
function describeNonName(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.slice(0, 200));
  if (Array.isArray(value)) return `a list of ${value.length} item(s)`;
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

/**
 * `"path:m:N"` → `{ module: 'm', name: 'N' }`. Refuses other prefixes; the reference's `bytes:` (a
 * pickled symbol), which archspace never loads, as `pickled-payload`.
 */
export function parseSymbolName(text: unknown, path: readonly (string | number)[]): SymbolIdentity {
  if (isPickledName(text)) throw pickledPayload(path, text);
  if (typeof text !== 'string' || !text.startsWith(PREFIX)) {
    throw new SerializationError({
      code: 'malformed-tag',
      path,
      message: `A symbol name must read "path:<module>:<name>", received ${describeNonName(text)}`,
      received: text,
    });
  }
  const rest = text.slice(PREFIX.length);
  const cut = rest.lastIndexOf(':');
  const identity = { module: rest.slice(0, Math.max(cut, 0)), name: cut < 0 ? rest : rest.slice(cut + 1) };
  if (!MODULE.test(identity.module) || !isExportName(identity.name)) {
    throw new SerializationError({
      code: 'malformed-tag',
      path,
      expected: 'a symbol name "path:<module>:<name>" with a non-empty module and an export name such as "Net"',
      received: text,
    });
  }
  return identity;
}

/** `Net`, `nn.Conv2d`: identifiers joined by dots. */
function isExportName(name: unknown): boolean {
  return typeof name === 'string' && name.split('.').every((part) => NAME_PART.test(part));
}
