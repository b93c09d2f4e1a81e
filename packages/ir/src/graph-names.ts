/**
 * The names of a model's graphs, in order, and the position of each by name, worked out once per
 * list of graphs and shared with the lists an edit makes without adding or removing a graph: a model
 * with hundreds of cell graphs (NAS-Bench-201's has 541) is edited several times a trial, and each
 * edit and each new model would otherwise index every graph again. Internal to the IR.
 */
import type { GraphRecord } from './records.js';

/** A graph list's names in order, and positions by name. */
export interface GraphNames {
  readonly order: readonly string[];
  readonly positions: ReadonlyMap<string, number>;
}

const NAMES = new WeakMap<readonly GraphRecord[], GraphNames>();

/** The names of `graphs`, in order, and the position of each. */
export function graphNamesOf(graphs: readonly GraphRecord[]): GraphNames {
  let names = NAMES.get(graphs);
  if (names === undefined) {
    const order = Object.freeze(graphs.map((g) => g.name));
    names = { order, positions: new Map(order.map((name, i) => [name, i])) };
    NAMES.set(graphs, names);
  }
  return names;
}

/** Lets `next`, whose graphs have the names of `previous` in the same order, share its names. */
export function shareGraphNames(previous: readonly GraphRecord[], next: readonly GraphRecord[]): void {
  const names = NAMES.get(previous);
  if (names !== undefined) NAMES.set(next, names);
}

/** Up to this many graphs, a graph is found by scanning the list rather than through its name index. */
const SCANNED_GRAPHS = 8;

/** The position of the graph named `name` in `graphs`, or `undefined`. */
export function graphPosition(graphs: readonly GraphRecord[], name: string): number | undefined {
  if (graphs.length > SCANNED_GRAPHS) return graphNamesOf(graphs).positions.get(name);
  for (let i = 0; i < graphs.length; i++) if ((graphs[i] as GraphRecord).name === name) return i;
  return undefined;
}
