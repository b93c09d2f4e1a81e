/**
 * A bridge to `@dagrejs/graphlib`, for the graph algorithms archspace does not carry itself
 * (shortest paths, components, dominators built on them ...).
 */
import { Graph as LibGraph } from '@dagrejs/graphlib';
import type { Edge } from './edge.js';
import type { Graph } from './graph.js';
import type { Node } from './node.js';

/**
 * The graph as a directed graphlib multigraph: node keys are node ids as strings (labelled with the
 * `Node`; graphlib keeps keys in plain objects, so names such as `"constructor"` would not be safe
 * keys), edge names are edge ids (labelled with the `Edge`). Changing the graphlib graph does not
 * change the model.
 *
 * @remarks graphlib 4's `alg.topsort`, `alg.isAcyclic` and `alg.findCycles` recurse once per node and
 * overflow the stack on chains of a few thousand nodes; prefer `Graph.topologicalOrder()` for those.
 *
 * @example
 * ```ts
 * import { alg } from '@dagrejs/graphlib';
 * const lib = toGraphlib(model.rootGraph);
 * const parts = alg.components(lib).map((ids) => ids.map((id) => lib.node(id).name));
 * ```
 */
export function toGraphlib(graph: Graph): LibGraph<string, Node, Edge> {
  const out = new LibGraph<string, Node, Edge>({ directed: true, multigraph: true });
  out.setGraph(graph.name);
  for (const node of graph.nodes) out.setNode(String(node.id), node);
  for (const edge of graph.edges) out.setEdge(String(edge.head.id), String(edge.tail.id), edge, String(edge.id));
  return out;
}
