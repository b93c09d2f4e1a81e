/**
 * The last mutator of a lowered space. Once every decision is in the history it finishes the model:
 * rebuilds opaque cells (NAS-Bench-101) from the sample, merges loose-end cells, evaluates the value
 * choices and expressions in operation parameters, and drops graphs no longer referenced.
 */
import { CELL_TYPE, type Model, Mutator, Operation } from '@archspace/ir';
import { isMutable, type Mutable, type ValueOf } from '../mutable.js';
import type { LooseEndParameters } from '../nn/cell.js';
import { looseEnds } from '../nn/cell.js';
import type { Module } from '../nn/module.js';
import type { Shape } from '../nn/tensor.js';
import { trace } from '../nn/trace.js';
import { importGraph, type GraphJson } from './graph-import.js';
import { historyValues, valueOfHistory } from './history-values.js';

/** A parameter of a node that holds a mutable: where it is and what to evaluate. */
export interface ParameterBinding {
  readonly graph: string;
  readonly node: string;
  readonly path: readonly (string | number)[];
  readonly mutable: Mutable;
}

/** A node that stands for a whole module, rebuilt from the sample (a NasBench101Cell). */
export interface RebuildBinding {
  readonly graph: string;
  readonly node: string;
  readonly module: Module;
  readonly inputShapes: readonly Shape[];
}

/** The label of the resolve mutator in a model's history. */
export const RESOLVE_LABEL = 'archspace/resolve';

function reachableGraphs(model: Model): Set<string> {
  const seen = new Set<string>();
  const stack = [model.rootGraph.name];
  while (stack.length > 0) {
    const name = stack.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    // By type: the graph's cached index finds its cells without a view of every node.
    for (const node of model.graph(name)?.getNodesByType(CELL_TYPE) ?? []) stack.push(node.operation.cellName!);
  }
  return seen;
}

function setAt(target: Record<string, unknown>, path: readonly (string | number)[], value: unknown): void {
  let cursor: Record<string | number, unknown> = target;
  for (const key of path.slice(0, -1)) cursor = cursor[key] as Record<string | number, unknown>;
  cursor[path[path.length - 1]!] = value;
}

/** Finishes a lowered model after its decisions; makes no decision of its own. */
export class ResolveMutator extends Mutator {
  constructor(
    /** The space the model was lowered from; samples are validated against it. */
    readonly space: Mutable,
    readonly parameters: readonly ParameterBinding[],
    readonly rebuilds: readonly RebuildBinding[],
  ) {
    super(RESOLVE_LABEL);
  }

  mutate(model: Model): Model {
    // Edits leave the history alone, and neither loose-end merges nor parameter values change which
    // graphs cells refer to: both are worked out once.
    const valueOf = valueOfHistory(model);
    let m = this.#rebuild(model, valueOf);
    m = this.#mergeLooseEnds(m);
    const reachable = reachableGraphs(m);
    m = this.#evaluateParameters(m, reachable, valueOf);
    return m.edit((editor) => editor.removeGraphs(m.graphs.map((g) => g.name).filter((name) => !reachable.has(name))));
  }

  #rebuild(model: Model, valueOf: ValueOf): Model {
    if (this.rebuilds.length === 0) return model;
    const reachable = reachableGraphs(model);
    return model.edit((editor) => {
      for (const binding of this.rebuilds) {
        if (!reachable.has(binding.graph)) continue;
        const node = model.graph(binding.graph)!.getNodeByName(binding.node)!;
        const traced = trace(binding.module.materialize(valueOf), binding.inputShapes);
        const prefix = `${binding.graph}/${binding.node}`;
        const rename = (name: string) => `${prefix}/${name}`;
        const json = traced.toJSON() as Record<string, GraphJson>;
        for (const [name, graph] of Object.entries(json)) importGraph(editor, rename(name), graph, rename);
        editor.updateOperation(node, Operation.cell(rename('_model'), node.operation.parameters, node.operation.attributes));
      }
    });
  }

  #mergeLooseEnds(model: Model): Model {
    const nodes = model.getNodesByType('LooseEndConcat');
    if (nodes.length === 0) return model;
    const values = historyValues(model);
    return model.edit((editor) => {
      for (const node of nodes) {
        const params = node.operation.parameters as unknown as LooseEndParameters;
        const chosen = params.inputChoices.map(({ label }) => (values.get(label) as number[] | undefined)?.[0] ?? -1);
        const first = params.nodeIndices[0]!;
        const keep = looseEnds(first, params.nodeIndices.length, chosen);
        const incoming = [...node.incomingEdges].sort((a, b) => (a.tailSlot ?? 0) - (b.tailSlot ?? 0));
        const heads = incoming.map((edge) => [edge.head, edge.headSlot] as const);
        for (const edge of incoming) editor.removeEdge(edge);
        editor.updateOperation(node, Operation.new('concat', { dim: params.dim }, { attributes: node.operation.attributes }));
        const kept = keep.map((index) => heads[params.nodeIndices.indexOf(index)]!);
        kept.forEach(([head, slot], i) => editor.addEdge([head, slot], [node, kept.length === 1 ? null : i]));
      }
    });
  }

  #evaluateParameters(model: Model, reachable: ReadonlySet<string>, valueOf: ValueOf): Model {
    if (this.parameters.length === 0) return model;
    return model.edit((editor) => {
      for (const binding of this.parameters) {
        if (!reachable.has(binding.graph)) continue;
        const node = model.graph(binding.graph)?.getNodeByName(binding.node);
        if (!node) continue;
        const value = binding.mutable.materialize(valueOf);
        editor.updateOperation(node, (draft) => setAt(draft.parameters as Record<string, unknown>, binding.path, isMutable(value) ? null : value));
      }
    });
  }
}
