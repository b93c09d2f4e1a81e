/**
 * What a network of a model space costs, known without training it: freeze the sample, trace the
 * network on symbolic inputs, and count its FLOPs and parameters. Searches use it to drop networks
 * over a budget before spending a training on them.
 */
import type { Sample } from '../decision.js';
import type { Module } from './module.js';
import type { Shape } from './tensor.js';
import { trace } from './trace.js';

/** The cost metrics of one network, named as search metrics (a type, so it is a record of numbers). */
export type ModelCosts = {
  /** Multiply-accumulates per example ({@link TracedModel.flops}: Conv2d and Linear, bias included). */
  readonly flops: number;
  /** Trainable parameters ({@link TracedModel.parameterCount}). */
  readonly parameters: number;
};

/** Options of {@link modelCosts}. */
export interface ModelCostsOptions {
  /**
   * Networks whose costs are remembered (default 16,384; 0 remembers none). The oldest is forgotten
   * first. Only samples whose values are strings, finite numbers, booleans, null or lists of those
   * are remembered; others are traced every time.
   */
  readonly cacheSize?: number;
}

const DEFAULT_CACHE_SIZE = 16_384;

/** Whether `value` is the same value after a JSON round trip (so a JSON key tells it apart). */
function isJsonExact(value: unknown): boolean {
  if (typeof value === 'string' || typeof value === 'boolean' || value === null) return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  return Array.isArray(value) && value.every((item) => typeof item !== 'object' && isJsonExact(item));
}

/**
 * A key equal for samples that freeze to the same network: the values of the space's own labels in
 * the space's order (extra keys are ignored, as `freeze` ignores them), or `undefined` when a value
 * would not survive JSON.
 */
function networkKey(labels: readonly string[], sample: Sample): string | undefined {
  const values: unknown[] = [];
  for (const label of labels) {
    if (!Object.hasOwn(sample, label)) {
      values.push(0); // absent (an inactive decision); a present value is wrapped in a list
      continue;
    }
    const value = sample[label];
    if (!isJsonExact(value)) return undefined;
    values.push([value]);
  }
  return JSON.stringify(values);
}

/** The costs of a traced network; an error naming the sample when a size stays unknown. */
function costsOf(space: Module, sample: Sample, inputShapes: readonly Shape[]): ModelCosts {
  const traced = trace(space.freeze(sample), inputShapes);
  const flops = traced.flops();
  const parameters = traced.parameterCount();
  if (flops === null || parameters === null) {
    const shown = JSON.stringify(sample);
    throw new RangeError(`modelCosts(): the network of ${shown.length > 200 ? `${shown.slice(0, 200)}…` : shown} leaves a size unknown on inputs ${JSON.stringify(inputShapes)}, so its cost cannot be counted`);
  }
  return Object.freeze({ flops, parameters });
}

/**
 * The costs of the networks of `space` on inputs of `inputShapes`, as a function of a sample: the
 * sample is frozen, the network traced (no training, no weights) and its FLOPs and parameters
 * counted. Networks already costed are remembered (see {@link ModelCostsOptions.cacheSize}). An
 * invalid sample throws the space's `SampleValidationError`.
 *
 * @example
 * ```ts
 * const costs = modelCosts(NasBench201Space.create(), [[null, 3, 32, 32]]);
 * costs(nasBench201Sample('|nor_conv_3x3~0|+|none~0|skip_connect~1|+|none~0|none~1|avg_pool_3x3~2|'));
 * // { flops: 43_172_490, parameters: 316_346 }: flops_c10_M 43.17249 and params_c10_M 0.316346 in the benchmark’s table
 * ```
 */
export function modelCosts(space: Module, inputShapes: readonly Shape[], options: ModelCostsOptions = {}): (sample: Sample) => ModelCosts {
  const cacheSize = options.cacheSize ?? DEFAULT_CACHE_SIZE;
  if (!(Number.isInteger(cacheSize) && cacheSize >= 0)) throw new RangeError(`modelCosts(): cacheSize must be an integer ≥ 0, got ${String(cacheSize)}`);
  const shapes = inputShapes.map((shape) => [...shape]);
  const labels = Object.keys(space.simplify());
  const cache = new Map<string, ModelCosts>();
  return (sample: Sample) => {
    const key = cacheSize > 0 ? networkKey(labels, sample) : undefined;
    if (key === undefined) return costsOf(space, sample, shapes);
    const known = cache.get(key);
    if (known !== undefined) return known;
    const costs = costsOf(space, sample, shapes);
    if (cache.size >= cacheSize) cache.delete(cache.keys().next().value!);
    cache.set(key, costs);
    return costs;
  };
}
