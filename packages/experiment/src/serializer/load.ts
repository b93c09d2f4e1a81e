import { decodeDocument } from './decode.js';
import { checkPayloadSize, resolveLimits, type SizeLimits } from './limits.js';
import { SerializationError } from './serialization-error.js';
import { defaultRegistry, SymbolRegistry } from './symbol-registry.js';

/** Options of {@link load}. */
export interface LoadOptions extends SizeLimits {
  /**
   * The only symbols the payload may re-create; default {@link defaultRegistry} (everything traced
   * in this process). Pass a small registry to load untrusted payloads.
   */
  readonly registry?: SymbolRegistry;
}

/**
 * Reads a JSON string written by {@link dump} back into values. Traced objects are re-created by
 * calling their registered wrapper with the recorded arguments — so a traced function runs again.
 *
 * @remarks
 * `load` never evaluates code from the payload: no `eval`, no `Function`, no `require` or `import` of
 * a path it names. A symbol is re-created only if `trace()` registered it in this process (or it is
 * in the given `registry`); any other is refused with `unregistered-symbol`. A pickle from NNI
 * (`{"__nni_obj__": "<base64>"}` or a `"bytes:..."` symbol), at any depth, is refused with
 * `pickled-payload`: trace the class and dump the value with archspace instead. A `__proto__` key is
 * refused; `constructor` and `prototype` keys become ordinary own properties. Payloads over
 * `maxBytes` (default 64 MiB) are refused before parsing; containers deeper than `maxDepth`
 * (default 512, any depth with `Infinity`: the walk never recurses), bigints with more than
 * `maxBigintDigits` digits in all (default 1,000,000) and traced calls with more than 10,000
 * arguments before they are converted or re-created. Every refusal is a {@link SerializationError};
 * an error thrown by a re-created constructor is wrapped as `instantiation-failed` with the original
 * as `cause`.
 *
 * @example
 * ```ts
 * const Net = trace(NetImpl, { module: 'my-models', name: 'Net' });
 * const net = load('{"__symbol__":"path:my-models:Net","__args__":[16]}'); // new Net(16)
 * load('{"__symbol__":"path:evil:Shell"}'); // SerializationError: "path:evil:Shell" is not registered ...
 * ```
 */
export function load(json: string, options: LoadOptions = {}): unknown {
  const limits = resolveLimits(options);
  const registry = options.registry ?? defaultRegistry;
  if (!(registry instanceof SymbolRegistry)) {
    throw new SerializationError({ code: 'invalid-option', path: ['registry'], expected: 'a SymbolRegistry', received: registry });
  }
  if (typeof json !== 'string') {
    throw new SerializationError({ code: 'invalid-json', expected: 'a JSON string', received: json });
  }
  checkPayloadSize(json, limits.maxBytes, 'load');
  let document: unknown;
  try {
    document = JSON.parse(json);
  } catch (error) {
    throw new SerializationError(
      { code: 'invalid-json', message: `The payload is not valid JSON: ${error instanceof Error ? error.message : String(error)}` },
      { cause: error },
    );
  }
  return decodeDocument(document, limits, registry);
}
