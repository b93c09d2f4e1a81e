/**
 * The graphs of a model being edited, by name: the base model's graphs, looked up through their
 * shared name index, under the graphs the edit wrote, added or removed. An edit of a model with
 * hundreds of graphs that writes one of them copies nothing of the others. Internal to the IR.
 */
import { graphNamesOf } from './graph-names.js';
import type { GraphRecord } from './records.js';
import { isWorking, type WorkingGraph } from './working-graph.js';

/** A graph as an edit holds it: the base's record, or a working copy. */
export type EditedGraph = GraphRecord | WorkingGraph;

/** What `EditedGraphs` holds in place of a base graph the edit removed. */
const REMOVED = null;

/**
 * A map of graphs by name that behaves as a `Map` filled with the base's graphs would: `set` of a
 * present name keeps its place, a removed and re-added name goes last, and iteration follows that
 * order.
 */
export class EditedGraphs {
  readonly #base: readonly GraphRecord[];
  readonly #positions: ReadonlyMap<string, number>;
  /** Base graphs the edit replaced (a working copy) or removed, by name. */
  readonly #replaced = new Map<string, EditedGraph | typeof REMOVED>();
  /** Graphs not at a base position: new names, or base names removed and added again, in order. */
  readonly #added = new Map<string, EditedGraph>();

  constructor(base: readonly GraphRecord[]) {
    this.#base = base;
    this.#positions = graphNamesOf(base).positions;
  }

  /** The graph named `name`, or `undefined`. */
  get(name: string): EditedGraph | undefined {
    const added = this.#added.get(name);
    if (added !== undefined) return added;
    const replaced = this.#replaced.get(name);
    if (replaced !== undefined) return replaced ?? undefined;
    const at = this.#positions.get(name);
    return at === undefined ? undefined : this.#base[at];
  }

  /** Whether a graph is named `name`. */
  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  /** Holds `graph` under `name`: in the place of the graph of that name, or last. */
  set(name: string, graph: EditedGraph): void {
    if (!this.#added.has(name) && this.#positions.has(name) && this.#replaced.get(name) !== REMOVED) this.#replaced.set(name, graph);
    else this.#added.set(name, graph);
  }

  /** Drops the graph named `name`. */
  delete(name: string): void {
    if (this.#added.delete(name)) return;
    if (this.#positions.has(name)) this.#replaced.set(name, REMOVED);
  }

  /** Whether the edit holds a working copy of some graph. */
  hasWorkingGraph(): boolean {
    for (const g of this.#replaced.values()) if (g !== REMOVED && isWorking(g)) return true;
    for (const g of this.#added.values()) if (isWorking(g)) return true;
    return false;
  }

  /** Every graph with its name, base places first, then the added ones in the order they came. */
  *entries(): IterableIterator<[string, EditedGraph]> {
    for (const g of this.#base) {
      const replaced = this.#replaced.get(g.name);
      if (replaced === REMOVED) continue;
      yield [g.name, replaced ?? g];
    }
    yield* this.#added.entries();
  }
}
