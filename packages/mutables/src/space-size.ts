/**
 * Counts the samples of a space without enumerating it: independent decisions multiply, and a
 * conditional decision contributes the sum over its values of what each value activates. A label
 * that appears again counts once. Constraints are not applied (see `Mutable.size`).
 */
import type { SpaceNode } from './decision.js';
import { isDecision } from './decision.js';

function countNodes(nodes: readonly SpaceNode[], seen: Set<string>): number {
  let total = 1;
  for (const node of nodes) {
    total *= countNode(node, seen);
    if (total === 0) return 0;
  }
  return total;
}

function countNode(node: SpaceNode, seen: Set<string>): number {
  if (!isDecision(node)) return countNodes(node.children(), seen);
  const own = countNodes(node.children(), seen);
  if (seen.has(node.label)) return own;
  seen.add(node.label);
  if (!node.activeChildren) return own * node.valueCount;
  if (!Number.isFinite(node.valueCount)) return Infinity;
  let branches = 0;
  const after = new Set(seen);
  for (const value of node.gridValues(1)) {
    const branchSeen = new Set(seen);
    branches += countNodes(node.activeChildren(value), branchSeen);
    for (const label of branchSeen) after.add(label);
  }
  for (const label of after) seen.add(label);
  return own * branches;
}

/** The number of distinct samples of `root`, or `Infinity`. */
export function countSamples(root: SpaceNode): number {
  return countNode(root, new Set());
}
