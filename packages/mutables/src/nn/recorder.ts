/**
 * Records what a model's `forward` does into graphs in the reference's JSON IR shape. Ops append
 * nodes; decision modules open sub-graphs (cells). Recording is synchronous and single-threaded:
 * one recording is active at a time.
 */
import { SearchSpaceError } from '@archspace/ir';
import { type Shape, Tensor, type TensorSource } from './tensor.js';

/** A node as recorded: parameters may still hold mutables, to be replaced by the lowering. */
export interface RecordedNode {
  readonly name: string;
  readonly type: string;
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly pythonName: string;
  readonly label?: string;
  readonly cellName?: string;
  /** The module that recorded itself as one opaque node (to be rebuilt by a mutator). */
  readonly module?: object;
  readonly inputs: readonly TensorSource[];
  readonly outputShapes: readonly Shape[];
}

/** One recorded graph: its inputs, nodes in call order, and outputs. */
export class GraphRecord {
  readonly nodes: RecordedNode[] = [];
  readonly #names = new Map<string, number>();
  outputs: TensorSource[] = [];
  outputShapes: Shape[] = [];

  constructor(
    readonly name: string,
    readonly inputShapes: readonly Shape[],
  ) {}

  /** A node name not used yet in this graph, based on `base`. */
  uniqueName(base: string): string {
    const count = this.#names.get(base) ?? 0;
    this.#names.set(base, count + 1);
    return count === 0 ? base : `${base}#${count + 1}`;
  }
}

/** Options of {@link Recorder.record}. */
export interface RecordOptions {
  readonly label?: string;
  readonly cellName?: string;
  /** The node's base name; the current module path when omitted. */
  readonly name?: string;
  /** The module that recorded itself as one opaque node. */
  readonly module?: object;
}

/** Records graphs while `forward` runs. */
export class Recorder {
  readonly graphs = new Map<string, GraphRecord>();
  readonly #pathsOf = new Map<object, string>();
  readonly #stack: GraphRecord[] = [];
  readonly #paths: string[] = [];

  /** The graph being recorded. */
  get current(): GraphRecord {
    const graph = this.#stack[this.#stack.length - 1];
    if (!graph) throw new Error('no graph is being recorded');
    return graph;
  }

  /** Remembers `path` as the name of `module` (the first path found wins). */
  registerPath(module: object, path: string): void {
    if (!this.#pathsOf.has(module)) this.#pathsOf.set(module, path);
  }

  /** The registered path of `module`, if any. */
  pathOf(module: object): string | undefined {
    return this.#pathsOf.get(module);
  }

  /** The path of the module being run (`""` at the root). */
  get modulePath(): string {
    return this.#paths[this.#paths.length - 1] ?? '';
  }

  /** Runs `fn` with `path` as the current module path. */
  withModulePath<T>(path: string, fn: () => T): T {
    this.#paths.push(path);
    try {
      return fn();
    } finally {
      this.#paths.pop();
    }
  }

  /** A graph name based on `base` that no recorded graph uses yet. */
  uniqueGraphName(base: string): string {
    let name = base;
    for (let k = 2; this.graphs.has(name); k++) name = `${base}#${k}`;
    return name;
  }

  /**
   * Records a graph called `name` whose inputs have `inputShapes`: `body` receives the input tensors
   * and returns the outputs, or only their shapes when nothing is connected to the outputs yet (a
   * choice whose mutator will connect the chosen candidate).
   */
  graph(name: string, inputShapes: readonly Shape[], body: (inputs: Tensor[]) => Tensor[] | { readonly unconnectedOutputs: readonly Shape[] }): GraphRecord {
    if (this.graphs.has(name)) throw new Error(`graph "${name}" recorded twice`);
    const record = new GraphRecord(name, inputShapes);
    this.graphs.set(name, record);
    this.#stack.push(record);
    try {
      const inputs = inputShapes.map((shape, i) => new Tensor(shape, { node: '_inputs', slot: i }, record));
      const outputs = body(inputs);
      if (Array.isArray(outputs)) {
        for (const output of outputs) this.#own(output);
        record.outputs = outputs.map((t) => t.source);
        record.outputShapes = outputs.map((t) => t.shape);
      } else {
        record.outputShapes = [...(outputs as { unconnectedOutputs: readonly Shape[] }).unconnectedOutputs];
      }
    } finally {
      this.#stack.pop();
    }
    return record;
  }

  #own(tensor: unknown): Tensor {
    if (!(tensor instanceof Tensor)) {
      throw new SearchSpaceError({
        code: 'not-a-tensor',
        path: [this.modulePath || '<root>'],
        expected: 'a Tensor produced inside this forward()',
        received: tensor,
      });
    }
    if (tensor.recording !== this.current) {
      throw new SearchSpaceError({
        code: 'foreign-tensor',
        path: [this.modulePath || '<root>'],
        message: `${tensor} was made in another graph; a cell or choice can only use the tensors it is given`,
      });
    }
    return tensor;
  }

  /** Appends a node that reads `inputs` and makes one tensor per output shape. */
  record(type: string, parameters: Record<string, unknown>, inputs: readonly unknown[], outputShapes: readonly Shape[], options: RecordOptions = {}): Tensor[] {
    const graph = this.current;
    const sources = inputs.map((input) => this.#own(input).source);
    const base = options.name ?? (this.modulePath || type);
    const name = graph.uniqueName(base);
    graph.nodes.push({
      name,
      type,
      parameters,
      pythonName: this.modulePath,
      inputs: sources,
      outputShapes,
      ...(options.label !== undefined ? { label: options.label } : {}),
      ...(options.cellName !== undefined ? { cellName: options.cellName } : {}),
      ...(options.module !== undefined ? { module: options.module } : {}),
    });
    const single = outputShapes.length === 1;
    return outputShapes.map((shape, slot) => new Tensor(shape, { node: name, slot: single ? null : slot }, graph));
  }
}

let active: Recorder | undefined;

/** The active recorder; throws a clear error when `forward` is run outside `trace()`. */
export function activeRecorder(what: string): Recorder {
  if (!active) {
    throw new SearchSpaceError({
      code: 'not-tracing',
      message: `${what} ran outside trace(): archspace modules are symbolic, run them with trace(model, inputShapes) or toModel(space)`,
    });
  }
  return active;
}

/** Runs `fn` with `recorder` active. */
export function withRecorder<T>(recorder: Recorder, fn: () => T): T {
  if (active) throw new Error('trace() cannot be nested');
  active = recorder;
  try {
    return fn();
  } finally {
    active = undefined;
  }
}
