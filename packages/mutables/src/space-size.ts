/**
 * Counts the samples of a space without enumerating it: independent decisions multiply, and a
 * conditional decision contributes the sum over its values of what each value activates. A label
 * that appears again counts once. Constraints are not applied (see `Mutable.size`).
 *
 * Counts are numbers: exact up to 2^53, the nearest double past that, and `Infinity` past the
 * largest double (or when a continuous decision is active).
 *
 * Known limit: when a conditional decision (a LayerChoice, a Repeat's depth, a depth expression's
 * leaf) shares its label with a decision counted before it, its branches are not counted again, so
 * the count is too low for such spaces (e.g. `x` used as a width and in a Repeat's depth `x.add(1)`).
 */
import type { SpaceNode } from './decision.js';
import { isDecision } from './decision.js';

/**
 * What a decision whose every value activates a prefix of one list of nodes (a Repeat's depth)
 * tells the counter, so that it counts all depths in one pass over the list instead of one pass
 * per depth.
 */
export interface ActivePrefix {
  /** The nodes, in order; value `v` activates the first `lengthFor(v)` of them. */
  readonly nodes: readonly SpaceNode[];
  /** How many of `nodes` the value activates. */
  lengthFor(value: unknown): number;
}

/** A conditional decision that can describe its branches as prefixes of one list. */
export interface HasActivePrefix {
  /** Equivalent to `activeChildren(value)` being `nodes.slice(0, lengthFor(value))`. */
  activePrefix(): ActivePrefix;
}

function hasActivePrefix(node: object): node is HasActivePrefix {
  return typeof (node as Partial<HasActivePrefix>).activePrefix === 'function';
}

/**
 * The labels counted so far. Sibling branches of a conditional decision each start from the same
 * labels: the labels a branch adds are taken back after it (an undo log, so a branch costs what it
 * adds, not the size of the set), and those of every branch are added once all are counted.
 */
class SeenLabels {
  readonly #labels = new Set<string>();
  readonly #added: string[] = [];

  has(label: string): boolean {
    return this.#labels.has(label);
  }

  add(label: string): void {
    if (this.#labels.has(label)) return;
    this.#labels.add(label);
    this.#added.push(label);
  }

  /** A point to come back to with {@link SeenLabels.takeBack}. */
  mark(): number {
    return this.#added.length;
  }

  /** Forgets the labels added since `mark` and returns them. */
  takeBack(mark: number): string[] {
    const added = this.#added.splice(mark);
    for (const label of added) this.#labels.delete(label);
    return added;
  }
}

function countNodes(nodes: readonly SpaceNode[], seen: SeenLabels): number {
  let total = 1;
  for (const node of nodes) {
    total *= countNode(node, seen);
    if (total === 0) return 0;
  }
  return total;
}

/** The summed counts of the prefixes the values activate, in one pass over the prefix list. */
function countPrefixBranches(prefix: ActivePrefix, values: Iterable<unknown>, seen: SeenLabels, branchLabels: Set<string>): number {
  const lengths: number[] = [];
  let longest = 0;
  for (const value of values) {
    const length = prefix.lengthFor(value);
    lengths.push(length);
    if (length > longest) longest = length;
  }
  const mark = seen.mark();
  const countUpTo: number[] = [1];
  for (let i = 0; i < longest; i++) countUpTo.push(countUpTo[i]! * countNode(prefix.nodes[i]!, seen));
  for (const label of seen.takeBack(mark)) branchLabels.add(label);
  let branches = 0;
  for (const length of lengths) branches += countUpTo[length]!;
  return branches;
}

function countNode(node: SpaceNode, seen: SeenLabels): number {
  if (!isDecision(node)) return countNodes(node.children(), seen);
  const own = countNodes(node.children(), seen);
  if (seen.has(node.label)) return own;
  seen.add(node.label);
  if (!node.activeChildren) return own * node.valueCount;
  if (!Number.isFinite(node.valueCount)) return Infinity;
  const branchLabels = new Set<string>();
  let branches = 0;
  if (hasActivePrefix(node)) branches = countPrefixBranches(node.activePrefix(), node.gridValues(1), seen, branchLabels);
  else {
    for (const value of node.gridValues(1)) {
      const mark = seen.mark();
      branches += countNodes(node.activeChildren(value), seen);
      for (const label of seen.takeBack(mark)) branchLabels.add(label);
    }
  }
  for (const label of branchLabels) seen.add(label);
  return own * branches;
}

/** The number of distinct samples of `root`: a number, `Infinity` when it has no finite count. */
export function countSamples(root: SpaceNode): number {
  return countNode(root, new SeenLabels());
}
