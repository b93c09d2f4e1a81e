/**
 * Structural equality of models: the question "would they dump to the same JSON IR?".
 */
import { dumpModel } from './ir-json.js';
import { jsonEqual, type JsonValue } from './json-value.js';
import type { Model } from './model.js';

/**
 * Whether two models have the same graphs (names, io names, nodes by name with equal operations,
 * attributes, labels and python names, edges in the same order) and the same evaluator. Node ids,
 * status, history and metrics do not count, so `modelsEqual(loadModel(dumpModel(m)), m)` holds.
 *
 * @example
 * ```ts
 * modelsEqual(loadModel(dumpModel(model)), model); // true
 * ```
 */
export function modelsEqual(a: Model, b: Model): boolean {
  return a === b || jsonEqual(dumpModel(a) as JsonValue, dumpModel(b) as JsonValue);
}
