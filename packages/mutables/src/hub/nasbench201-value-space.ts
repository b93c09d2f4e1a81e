/**
 * The NAS-Bench-201 space at the value level: the six edge ops as plain categorical decisions, with
 * no network behind them — what strategies and benchmarks that only query the table search.
 */
import { Categorical } from '../categorical.js';
import { MutableDict } from '../mutable-dict.js';
import { NASBENCH201_OP_NAMES } from '../nn/ops/nasbench201-ops.js';
import { NASBENCH201_EDGES } from './nasbench201-space.js';

/**
 * A MutableDict with one Categorical over the five NAS-Bench-201 ops per edge; keys and labels are
 * the edge names (`0_1` … `2_3`, labels scoped as usual): 15,625 samples.
 *
 * @example
 * ```ts
 * const space = nasBench201ValueSpace();
 * space.random(createRng(0)); // { '0_1': 'conv_3x3', '0_2': 'none', … }
 * ```
 */
export function nasBench201ValueSpace(): MutableDict {
  return new MutableDict(Object.fromEntries(NASBENCH201_EDGES.map((edge) => [edge, new Categorical(NASBENCH201_OP_NAMES, { label: edge })])));
}
