/**
 * Which NAS-Bench-201 cells are the same network. A cell computes its output node as a sum over its
 * edges; `none` drops an edge, `skip_connect` passes its input on unchanged, and a node that nothing
 * reaches is zero. Two cells whose output is the same sum of the same operations on the same inputs
 * build the same network, whatever edges carry them: a convolution on `0_1` followed by a skip on
 * `1_3` is a convolution on `0_3`, and the edges of a node that does not reach the output do nothing.
 */
import type { Sample } from '../decision.js';
import { NASBENCH201_EDGES } from './nasbench201-space.js';

/** A node's value: the sorted terms of its sum, or `undefined` for zero. */
type NodeTerms = readonly string[] | undefined;

/** The op on `edge` (`"0_1"` …) of a sample keyed `cell/0_1` … (the hub's network) or `0_1` … (the value space). */
function opOn(sample: Sample, edge: string): string {
  const prefixed = `cell/${edge}`;
  const op = Object.hasOwn(sample, prefixed) ? sample[prefixed] : Object.hasOwn(sample, edge) ? sample[edge] : undefined;
  if (typeof op !== 'string') {
    throw new TypeError(`nasBench201CanonicalKey: the sample has no op for edge ${edge} (keys "${prefixed}" or "${edge}"), got ${String(op)}`);
  }
  return op;
}

/**
 * A key that two NAS-Bench-201 samples share exactly when their cells compute the same function of
 * the cell's input (the sum at the output node, with skips and unreachable edges taken out):
 * `"0"` for a cell whose output is always zero, otherwise the output's terms such as
 * `"conv_3x3(x)+x"`. Samples may be keyed `cell/0_1` … or `0_1` ….
 *
 * @example
 * ```ts
 * const viaNode1 = { '0_1': 'conv_3x3', '0_2': 'none', '1_2': 'none', '0_3': 'none', '1_3': 'skip_connect', '2_3': 'none' };
 * const direct = { '0_1': 'none', '0_2': 'none', '1_2': 'none', '0_3': 'conv_3x3', '1_3': 'none', '2_3': 'none' };
 * nasBench201CanonicalKey(viaNode1) === nasBench201CanonicalKey(direct); // true: "conv_3x3(x)"
 * ```
 */
export function nasBench201CanonicalKey(sample: Sample): string {
  const nodes: NodeTerms[] = [['x']];
  for (let to = 1; to <= 3; to++) {
    const terms: string[] = [];
    for (const edge of NASBENCH201_EDGES) {
      if (Number(edge[2]) !== to) continue;
      const input = nodes[Number(edge[0])];
      const op = opOn(sample, edge);
      if (op === 'none' || input === undefined) continue;
      if (op === 'skip_connect') terms.push(...input);
      else terms.push(`${op}(${input.join('+')})`);
    }
    nodes.push(terms.length === 0 ? undefined : terms.sort());
  }
  return nodes[3]?.join('+') ?? '0';
}
