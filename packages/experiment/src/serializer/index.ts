/**
 * The serializer: `trace()` remembers how objects were made, `dump()` writes values (traced objects
 * as symbol and arguments) as JSON, and `load()` re-creates them — only from symbols registered
 * with `trace()`, never by running code from the payload.
 */
export { dump, type DumpOptions } from './dump.js';
export {
  DEFAULT_MAX_BIGINT_DIGITS,
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_DEPTH,
  MAX_BIGINT_DIGITS,
  type SizeLimits,
} from './limits.js';
export { load, type LoadOptions } from './load.js';
export { SerializationError, type SerializationErrorCode, type SerializationErrorDetails } from './serialization-error.js';
export type { SymbolIdentity } from './symbol-name.js';
export { SymbolRegistry, defaultRegistry } from './symbol-registry.js';
export { TraceRecord, TracedValue } from './trace-record.js';
export {
  isWrappedWithTrace,
  trace,
  type TraceOptions,
  type TracedClass,
  type TracedFunction,
  type TracedInstance,
  type TracedResult,
} from './trace.js';
export { isTraceable, type Traceable } from './traceable.js';
export type { SymbolKind } from './traced-symbol.js';
