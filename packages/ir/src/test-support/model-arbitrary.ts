/**
 * fast-check arbitraries for the IR's property tests: random DAG models with cells, and random
 * sequences of mutations to run on them. Test-only (excluded from the build).
 */
import fc from 'fast-check';
import { InvalidMutation } from '../errors.js';
import type { JsonObject, JsonValue } from '../json-value.js';
import { Model } from '../model.js';
import type { Node } from '../node.js';
import { Operation } from '../operation.js';

/** A node to build. */
export interface NodeSpec {
  readonly name: string;
  readonly type: string;
  readonly parameters: JsonObject;
  readonly attributes: JsonObject | undefined;
  readonly label: string | undefined;
  readonly pythonName: string | undefined;
  /** Index of the cell graph this node refers to (then `type` is ignored). */
  readonly cell: number | undefined;
}

/** An edge to build; `head` and `tail` index `[_inputs, ...nodes, _outputs]`. */
export interface EdgeSpec {
  readonly head: number;
  readonly headSlot: number | null;
  readonly tail: number;
  readonly tailSlot: number | null;
}

/** A graph to build. */
export interface GraphSpec {
  readonly name: string;
  readonly inputs: readonly string[] | null;
  readonly outputs: readonly string[] | null;
  readonly nodes: readonly NodeSpec[];
  readonly edges: readonly EdgeSpec[];
}

/** A model to build: cells first (a cell only uses later cells, so there is no recursion), then the root. */
export interface ModelSpec {
  readonly cells: readonly GraphSpec[];
  readonly root: GraphSpec;
  readonly evaluator: JsonValue | undefined;
}

/** JSON that survives `JSON.stringify` / `JSON.parse` unchanged (no `-0`). */
export const jsonArbitrary: fc.Arbitrary<JsonValue> = fc
  .jsonValue({ maxDepth: 2 })
  .map((v) => JSON.parse(JSON.stringify(v)) as JsonValue);

const jsonObjectArbitrary: fc.Arbitrary<JsonObject> = fc.dictionary(fc.string({ maxLength: 6 }), jsonArbitrary, { maxKeys: 3 }).map(
  (v) => JSON.parse(JSON.stringify(v)) as JsonObject,
);

const RESERVED = new Set(['_inputs', '_outputs', '_evaluator', '_model']);

/** Node and graph names: mostly tame, sometimes odd (spaces, slashes, `__proto__`). */
export const nameArbitrary: fc.Arbitrary<string> = fc
  .oneof(
    { weight: 8, arbitrary: fc.stringMatching(/^[a-z][a-z0-9_]{0,5}$/) },
    { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 5 }) },
    { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'a/b', 'x y', '0', '10') },
  )
  .filter((n) => !RESERVED.has(n));

const typeArbitrary = fc.constantFrom('Conv2d', 'Linear', 'ReLU', 'aten::add', 'aten::cat', 'prim::Constant', 'Function.relu');

// Arbitraries are built once: building one (a regex-based one especially) costs far more than drawing from it.
const attributesArbitrary = fc.option(jsonObjectArbitrary, { nil: undefined });
const labelArbitrary = fc.option(fc.constantFrom('choice1', 'choice2', 'skip'), { nil: undefined });
const pythonNameArbitrary = fc.option(fc.stringMatching(/^[a-z]{1,4}(\.[a-z0-9]{1,3}){0,2}$/), { nil: undefined });
const cellArbitraries = [0, 1, 2, 3].map((count) =>
  count === 0 ? fc.constant(undefined) : fc.option(fc.nat(count - 1), { nil: undefined, freq: 3 }),
);

function nodeArbitrary(name: string, cellCount: number): fc.Arbitrary<NodeSpec> {
  return fc.record({
    name: fc.constant(name),
    type: typeArbitrary,
    parameters: jsonObjectArbitrary,
    attributes: attributesArbitrary,
    label: labelArbitrary,
    pythonName: pythonNameArbitrary,
    cell: cellArbitraries[cellCount] as fc.Arbitrary<number | undefined>,
  });
}

const ioArbitrary = fc.option(fc.array(fc.stringMatching(/^[a-z]{1,4}$/), { maxLength: 3 }), { nil: null });

type TailStyle = 'null' | 'indexed' | 'unordered';

/** A random DAG: edges only go from a lower position to a higher one. */
export function graphArbitrary(name: string, cellCount: number): fc.Arbitrary<GraphSpec> {
  return fc
    .record({
      inputs: ioArbitrary,
      outputs: ioArbitrary,
      names: fc.uniqueArray(nameArbitrary, { maxLength: 7 }),
    })
    .chain(({ inputs, outputs, names }) => {
      const n = names.length;
      return fc.record({
        name: fc.constant(name),
        inputs: fc.constant(inputs),
        outputs: fc.constant(outputs),
        nodes: fc.tuple(...names.map((nodeName) => nodeArbitrary(nodeName, cellCount))),
        raw: fc.array(fc.tuple(fc.nat(n + 1), fc.nat(n + 1), fc.option(fc.nat(2), { nil: null })), { maxLength: 3 * n + 3 }),
        styles: fc.array(fc.constantFrom<TailStyle>('null', 'indexed', 'unordered'), { minLength: n + 2, maxLength: n + 2 }),
      });
    })
    .map(({ name: graphName, inputs, outputs, nodes, raw, styles }) => {
      const n = nodes.length;
      const out = n + 1;
      const kept: { head: number; headSlot: number | null; tail: number }[] = [];
      for (const [x, y, slot] of raw) {
        const head = Math.min(x, y);
        const tail = Math.max(x, y);
        if (head === tail || head === out || tail === 0) continue;
        let headSlot = slot;
        if (head === 0 && inputs !== null) {
          if (inputs.length === 0) continue;
          headSlot = (slot ?? 0) % inputs.length;
        }
        kept.push({ head, headSlot, tail });
      }
      const byTail = new Map<number, number>();
      const edges: EdgeSpec[] = [];
      for (const e of kept) {
        const count = kept.filter((k) => k.tail === e.tail).length;
        const seen = byTail.get(e.tail) ?? 0;
        byTail.set(e.tail, seen + 1);
        let tailSlot: number | null;
        if (e.tail === out) {
          if (outputs !== null && seen >= outputs.length) continue;
          tailSlot = seen;
        } else {
          const style = styles[e.tail] as TailStyle;
          if (style === 'unordered') tailSlot = -1;
          else if (style === 'null' && count === 1) tailSlot = null;
          else tailSlot = seen;
        }
        edges.push({ head: e.head, headSlot: e.headSlot, tail: e.tail, tailSlot });
      }
      return { name: graphName, inputs, outputs, nodes, edges };
    });
}

/** A random model spec: up to two cells and a root graph. */
export const modelSpecArbitrary: fc.Arbitrary<ModelSpec> = fc
  .uniqueArray(nameArbitrary, { maxLength: 2 })
  .chain((cellNames) =>
    fc.record({
      cells: fc.tuple(...cellNames.map((name, i) => graphArbitrary(name, cellNames.length - i - 1))),
      root: graphArbitrary('_model', cellNames.length),
      evaluator: fc.option(jsonArbitrary, { nil: undefined }),
    }),
  )
  .map(({ cells, root, evaluator }) => ({ cells, root, evaluator }));

/** Builds the model a spec describes. */
export function buildModel(spec: ModelSpec): Model {
  const cellNames = spec.cells.map((c) => c.name);
  // A node of cell i refers to cells after i; spec cell indices count from there.
  const cellFor = (graphIndex: number, cell: number) => cellNames[graphIndex + 1 + cell] as string;
  return Model.create({
    inputs: spec.root.inputs,
    outputs: spec.root.outputs,
    ...(spec.evaluator === undefined ? {} : { evaluator: spec.evaluator }),
  }).edit((e) => {
    for (const cell of spec.cells) e.addGraph(cell.name, { inputs: cell.inputs, outputs: cell.outputs });
    const graphs: [GraphSpec, number][] = [...spec.cells.map((c, i): [GraphSpec, number] => [c, i]), [spec.root, -1]];
    for (const [g, index] of graphs) {
      const handles = [e.inputNode(g.name)];
      for (const n of g.nodes) {
        const op =
          n.cell !== undefined
            ? Operation.cell(cellFor(index, n.cell), n.parameters)
            : Operation.new(n.type, n.parameters, n.attributes === undefined ? {} : { attributes: n.attributes });
        handles.push(
          e.addNode(g.name, n.name, op, {
            ...(n.label === undefined ? {} : { label: n.label }),
            ...(n.pythonName === undefined ? {} : { pythonName: n.pythonName }),
          }),
        );
      }
      handles.push(e.outputNode(g.name));
      for (const edge of g.edges) {
        e.addEdge([handles[edge.head]!, edge.headSlot], [handles[edge.tail]!, edge.tailSlot]);
      }
    }
  });
}

/** Random models (DAGs with cells). */
export const modelArbitrary: fc.Arbitrary<Model> = modelSpecArbitrary.map(buildModel);

/** One mutation to try; numbers pick graphs, nodes and edges modulo what the model has. */
export type Command =
  | { readonly kind: 'addNode'; readonly graph: number; readonly name: string; readonly parameters: JsonObject }
  | { readonly kind: 'addEdge'; readonly graph: number; readonly head: number; readonly tail: number; readonly headSlot: number | null; readonly tailSlot: number | null }
  | { readonly kind: 'removeEdge'; readonly graph: number; readonly edge: number }
  | { readonly kind: 'removeNode'; readonly graph: number; readonly node: number }
  | { readonly kind: 'insertNodeOnEdge'; readonly graph: number; readonly edge: number; readonly name: string }
  | { readonly kind: 'updateOperation'; readonly graph: number; readonly node: number; readonly parameters: JsonObject }
  | { readonly kind: 'updateLabel'; readonly graph: number; readonly node: number; readonly label: string | undefined }
  | { readonly kind: 'specializeCell'; readonly graph: number; readonly node: number }
  | { readonly kind: 'fork' };

/** Random mutation commands. */
export const commandArbitrary: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ kind: fc.constant('addNode' as const), graph: fc.nat(), name: nameArbitrary, parameters: jsonObjectArbitrary }),
  fc.record({
    kind: fc.constant('addEdge' as const),
    graph: fc.nat(),
    head: fc.nat(),
    tail: fc.nat(),
    headSlot: fc.option(fc.nat(2), { nil: null }),
    tailSlot: fc.option(fc.integer({ min: -1, max: 2 }), { nil: null }),
  }),
  fc.record({ kind: fc.constant('removeEdge' as const), graph: fc.nat(), edge: fc.nat() }),
  fc.record({ kind: fc.constant('removeNode' as const), graph: fc.nat(), node: fc.nat() }),
  fc.record({ kind: fc.constant('insertNodeOnEdge' as const), graph: fc.nat(), edge: fc.nat(), name: nameArbitrary }),
  fc.record({ kind: fc.constant('updateOperation' as const), graph: fc.nat(), node: fc.nat(), parameters: jsonObjectArbitrary }),
  fc.record({ kind: fc.constant('updateLabel' as const), graph: fc.nat(), node: fc.nat(), label: fc.option(fc.constantFrom('a', 'b'), { nil: undefined }) }),
  fc.record({ kind: fc.constant('specializeCell' as const), graph: fc.nat(), node: fc.nat() }),
  fc.constant({ kind: 'fork' as const }),
);

/** What running a command did. */
export interface CommandResult {
  /** The model after the command (the same model when it was skipped or refused). */
  readonly model: Model;
  /** The refusal, when the IR refused the mutation. */
  readonly refused?: InvalidMutation;
  /** Whether the command did not apply (nothing to pick from). */
  readonly skipped?: boolean;
}

function pick<T>(items: readonly T[], index: number): T | undefined {
  return items.length === 0 ? undefined : items[index % items.length];
}

/**
 * Runs a command on a mutating model. Refusals (`InvalidMutation`) are returned, not thrown; any
 * other error is a bug and is thrown.
 */
export function runCommand(model: Model, command: Command): CommandResult {
  if (command.kind === 'fork') return { model: model.fork() };
  const graph = pick(model.graphs, command.graph)!;
  const hidden = graph.hiddenNodes;
  const heads = [graph.inputNode, ...hidden];
  const tails = [...hidden, graph.outputNode];
  const attempt = (fn: () => Model): CommandResult => {
    try {
      return { model: fn() };
    } catch (error) {
      if (error instanceof InvalidMutation) return { model, refused: error };
      throw error;
    }
  };
  const skip: CommandResult = { model, skipped: true };
  switch (command.kind) {
    case 'addNode':
      return attempt(() => model.addNode(graph, command.name, Operation.new('Linear', command.parameters)));
    case 'addEdge': {
      // Mostly hidden nodes; now and then a pseudo-node on the wrong side, which must be refused.
      const wrongSide = command.head % 7 === 0;
      const head = (wrongSide ? graph.outputNode : pick(heads, command.head)) as Node;
      const tail = (command.tail % 7 === 0 ? graph.inputNode : pick(tails, command.tail)) as Node;
      return attempt(() => model.addEdge([head, command.headSlot], [tail, command.tailSlot]));
    }
    case 'removeEdge': {
      const edge = pick(graph.edges, command.edge);
      return edge === undefined ? skip : attempt(() => model.removeEdge(edge));
    }
    case 'removeNode': {
      const node = pick(hidden, command.node);
      return node === undefined ? skip : attempt(() => model.removeNode(node, { removeEdges: true }));
    }
    case 'insertNodeOnEdge': {
      const edge = pick(graph.edges, command.edge);
      return edge === undefined ? skip : attempt(() => model.insertNodeOnEdge(edge, command.name, Operation.new('ReLU')));
    }
    case 'updateOperation': {
      const node = pick(hidden, command.node);
      if (node === undefined) return skip;
      const op = node.operation.isCell ? node.operation.withParameters(command.parameters) : Operation.new(node.operation.type, command.parameters);
      return attempt(() => model.updateOperation(node, op));
    }
    case 'updateLabel': {
      const node = pick(hidden, command.node);
      return node === undefined ? skip : attempt(() => model.updateLabel(node, command.label));
    }
    case 'specializeCell': {
      const node = pick(
        hidden.filter((n) => n.operation.isCell),
        command.node,
      );
      return node === undefined ? skip : attempt(() => model.specializeCell(node));
    }
  }
}
