/**
 * Runs a module's `forward` on symbolic tensors and keeps what it recorded: the graphs in the
 * reference's JSON IR shape, with shapes, parameter and FLOP counts.
 */
import { isMutable } from '../mutable.js';
import type { Module } from './module.js';
import { opDefinition, resolveParams } from './op.js';
import { type GraphRecord, Recorder, withRecorder } from './recorder.js';
import { type Shape, Tensor } from './tensor.js';

/** The name of the outermost graph, as in the reference. */
export const ROOT_GRAPH = '_model';

/** The tensors `forward` returned: one tensor or a list of them. */
export function toTensorList(value: unknown): Tensor[] {
  if (value instanceof Tensor) return [value];
  if (Array.isArray(value) && value.every((v) => v instanceof Tensor)) return value as Tensor[];
  throw new TypeError(`forward() must return a Tensor or a list of Tensors, got ${String(value)}`);
}

/** Renders a parameter for JSON: an undecided mutable becomes `{"$mutable": "<expression>"}`. */
export function parameterToJson(value: unknown): unknown {
  if (isMutable(value)) return { $mutable: String(value) };
  if (Array.isArray(value)) return value.map(parameterToJson);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, parameterToJson(v)]));
  }
  return value;
}

function slotOf(node: { inputs: readonly unknown[] }, index: number): number | null {
  return node.inputs.length === 1 ? null : index;
}

/** A graph in the reference's JSON IR shape (`{inputs, outputs, nodes, edges}`). */
export function graphRecordToJson(graph: GraphRecord): Record<string, unknown> {
  // Node and graph names are keys like any other: no prototype a "__proto__" name could set.
  const nodes: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  const edges: unknown[] = [];
  for (const node of graph.nodes) {
    nodes[node.name] = {
      operation: {
        type: node.type,
        parameters: parameterToJson(node.parameters),
        attributes: { shape: node.outputShapes.length === 1 ? node.outputShapes[0] : node.outputShapes },
        ...(node.cellName !== undefined ? { cell_name: node.cellName } : {}),
      },
      ...(node.label !== undefined ? { label: node.label } : {}),
      python_name: node.pythonName,
    };
    node.inputs.forEach((source, i) => edges.push({ head: [source.node, source.slot], tail: [node.name, slotOf(node, i)] }));
  }
  graph.outputs.forEach((source, i) => edges.push({ head: [source.node, source.slot], tail: ['_outputs', i] }));
  return {
    inputs: graph.inputShapes.map((_, i) => `input_${i}`),
    outputs: graph.outputShapes.map((_, i) => `output_${i}`),
    nodes,
    edges,
  };
}

/** What `trace` recorded. */
export class TracedModel {
  constructor(
    /** Every recorded graph by name; the root is {@link ROOT_GRAPH}. */
    readonly graphs: ReadonlyMap<string, GraphRecord>,
  ) {}

  /** The outermost graph. */
  get root(): GraphRecord {
    return this.graphs.get(ROOT_GRAPH)!;
  }

  /** The shapes of the model's outputs. */
  get outputShapes(): readonly Shape[] {
    return this.root.outputShapes;
  }

  /** The reference's JSON IR: `{graphName: {inputs, outputs, nodes, edges}}`. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const [name, graph] of this.graphs) out[name] = graphRecordToJson(graph);
    return out;
  }

  #sum(measure: 'parameterCount' | 'flops'): number | null {
    let total = 0;
    for (const graph of this.graphs.values()) {
      const shapes = new Map<string, readonly Shape[]>([['_inputs', graph.inputShapes]]);
      for (const node of graph.nodes) shapes.set(node.name, node.outputShapes);
      for (const node of graph.nodes) {
        const definition = opDefinition(node.type);
        const fn = definition?.[measure];
        if (!fn) continue;
        const inputs = node.inputs.map((s) => shapes.get(s.node)![s.slot ?? 0]!);
        const params = resolveParams(node.parameters);
        const value = measure === 'parameterCount' ? definition.parameterCount!(inputs, params) : definition.flops!(inputs, node.outputShapes[0]!, params);
        if (value === null) return null;
        total += value;
      }
    }
    return total;
  }

  /** Trainable parameters of every recorded op, or `null` when a choice leaves a size unknown. */
  parameterCount(): number | null {
    return this.#sum('parameterCount');
  }

  /** Multiply-accumulates per example, or `null` when a choice leaves a size unknown. */
  flops(): number | null {
    return this.#sum('flops');
  }
}

/**
 * Runs `module.forward` on symbolic inputs of the given shapes and records the graph.
 *
 * @example
 * ```ts
 * const traced = trace(net.freeze(sample), [[null, 3, 32, 32]]);
 * traced.outputShapes;     // [[null, 10]]
 * traced.parameterCount(); // 1.07e6
 * ```
 */
export function trace(module: Module, inputShapes: readonly Shape[]): TracedModel {
  const recorder = new Recorder();
  for (const [path, member] of module.namedModules()) recorder.registerPath(member, path);
  withRecorder(recorder, () => {
    recorder.graph(ROOT_GRAPH, inputShapes, (inputs) => toTensorList(module.call(...inputs)));
  });
  return new TracedModel(recorder.graphs);
}
